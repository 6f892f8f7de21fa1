/** What the benchmark ran on, printed with its figures (they mean little without it). */
import { readFileSync } from 'node:fs'
import os from 'node:os'
import pg from 'pg'

export type Machine = {
  cpuModel: string
  cpus: number
  /** 1, 5 and 15 minute load averages when the measurements started and when they ended. */
  loadAverage: { end?: number[]; start: number[] }
  memoryGiB: number
  node: string
  postgres: string
}

const cpuModel = (): string => {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((each) => each.startsWith('model name'))
    if (line) return line.split(':')[1]!.trim()
  } catch {
    // not Linux
  }
  return os.cpus()[0]?.model ?? 'unknown'
}

const loadAverage = () => os.loadavg().map((value) => Number(value.toFixed(2)))

export const describeMachine = async (serverUrl: string): Promise<Machine> => {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    const { rows } = await client.query<{ server_version: string }>('show server_version')
    return {
      cpuModel: cpuModel(),
      cpus: os.availableParallelism?.() ?? os.cpus().length,
      loadAverage: { start: loadAverage() },
      memoryGiB: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
      node: process.version,
      postgres: rows[0]!.server_version,
    }
  } finally {
    await client.end()
  }
}

export const finishMachine = (machine: Machine): Machine => ({
  ...machine,
  loadAverage: { ...machine.loadAverage, end: loadAverage() },
})
