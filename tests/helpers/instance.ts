/**
 * Another instance of a test site, in a process of its own (tests/helpers/instanceServer.ts), on an
 * existing database: what a second app server of a real deployment is.
 */
import { type ChildProcess, spawn } from 'node:child_process'

import type { RoleCatalogPluginOptions } from '../../src/index.js'

import { projectRoot } from '../../scripts/database.js'

export type InstanceState = {
  lastApplied: { origin: string; sequence: number } | null
  resyncs: number
  transport: {
    backendPid: number | null
    connected: boolean
    gaps: number
    hearing: { reason?: string; serve: boolean }
    heartbeatsHeard: number
    origin: string
    reconnects: number
  } | null
}

export type Instance = {
  /** The process's output so far (the last 20,000 characters), for a failing test's message. */
  output: () => string
  /** What `/__instance` reports now. */
  state: () => Promise<InstanceState>
  stop: () => Promise<void>
  url: string
}

export const startInstance = async ({
  databaseUrl,
  plugin = {},
}: {
  databaseUrl: string
  plugin?: RoleCatalogPluginOptions
}): Promise<Instance> => {
  const child: ChildProcess = spawn('npx', ['tsx', 'tests/helpers/instanceServer.ts'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      NODE_ENV: 'test',
      PAYLOAD_FORCE_DRIZZLE_PUSH: undefined,
      PLUGIN_OPTIONS: JSON.stringify(plugin),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let output = ''
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output = (output + chunk).slice(-20_000)
      const match = /listening (http:\/\/\S+)/.exec(output)
      if (match) resolve(match[1]!)
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', (chunk) => (output = (output + chunk).slice(-20_000)))
    void exited.then((code) => reject(new Error(`the instance exited (${code}) before serving:\n${output.slice(-4000)}`)))
  })
  return {
    output: () => output,
    state: async () => (await (await fetch(`${url}/__instance`)).json()) as InstanceState,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM')
        await exited
      }
    },
    url,
  }
}
