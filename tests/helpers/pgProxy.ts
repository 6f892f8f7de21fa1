/**
 * A TCP proxy in front of PostgreSQL that the tests turn into the network faults an instance meets:
 * a connection that stops forwarding (a hung or half-open socket), one that swallows notifications
 * while it still answers queries (what LISTEN gets through a transaction-mode pooler), one that
 * drops some notifications, and one that dies when a given statement is sent. It reads the
 * PostgreSQL wire protocol just enough for that: messages are a type byte and a 32-bit length
 * (the client's first message, the startup packet, has no type byte).
 */
import net from 'node:net'

/** What the proxy does to traffic. */
export type ProxyFault =
  | { kind: 'none' }
  /** Stops forwarding in both directions; new connections hang. */
  | { kind: 'freeze' }
  /** Drops the server's NotificationResponse messages whose payload matches. */
  | { kind: 'dropNotifications'; matching: (payload: string) => boolean }
  /** Cuts the connection when the client sends a statement whose text matches. */
  | { kind: 'cutOnStatement'; matching: (text: string) => boolean }

export type PgProxy = {
  /** A connection URL through the proxy, for the database of `databaseUrl`. */
  url: string
  /** Changes the fault from now on (a thawed connection forwards what waited). */
  set: (fault: ProxyFault) => void
  /** Notifications dropped and connections cut so far. */
  readonly dropped: number
  readonly cut: number
  close: () => Promise<void>
}

/** Splits complete protocol messages off `buffer`; `typed` is false for a startup packet. */
const splitMessages = (buffer: Buffer, typed: boolean): { messages: Buffer[]; rest: Buffer } => {
  const messages: Buffer[] = []
  let offset = 0
  for (;;) {
    const header = typed ? 5 : 4
    if (buffer.length - offset < header) break
    const length = typed ? buffer.readInt32BE(offset + 1) + 1 : buffer.readInt32BE(offset)
    if (buffer.length - offset < length) break
    messages.push(buffer.subarray(offset, offset + length))
    offset += length
  }
  return { messages, rest: buffer.subarray(offset) }
}

/** The payload of a NotificationResponse ('A': pid, channel\0, payload\0). */
const notificationPayload = (message: Buffer): string => {
  const channelEnd = message.indexOf(0, 9)
  return message.subarray(channelEnd + 1, message.length - 1).toString('utf8')
}

/** The SQL text of a Query ('Q') or Parse ('P': name\0, text\0, ...) message. */
const statementText = (message: Buffer): string | undefined => {
  const type = String.fromCharCode(message[0]!)
  if (type === 'Q') return message.subarray(5, message.length - 1).toString('utf8')
  if (type === 'P') {
    const nameEnd = message.indexOf(0, 5)
    const textEnd = message.indexOf(0, nameEnd + 1)
    return message.subarray(nameEnd + 1, textEnd).toString('utf8')
  }
  return undefined
}

export const startPgProxy = async (databaseUrl: string): Promise<PgProxy> => {
  const target = new URL(databaseUrl)
  let fault: ProxyFault = { kind: 'none' }
  let dropped = 0
  let cut = 0
  const pairs = new Set<{ client: net.Socket; server?: net.Socket; flush: () => void }>()

  const server = net.createServer((client) => {
    const pair: { client: net.Socket; server?: net.Socket; flush: () => void } = { client, flush: () => {} }
    pairs.add(pair)
    const upstream = net.connect(Number(target.port || 5432), target.hostname)
    pair.server = upstream
    const end = () => {
      pairs.delete(pair)
      client.destroy()
      upstream.destroy()
    }
    client.on('error', end)
    upstream.on('error', end)
    client.on('close', end)
    upstream.on('close', end)

    // Held while frozen: forwarded, in order, once the proxy thaws.
    const held: { data: Buffer; to: net.Socket }[] = []
    pair.flush = () => {
      while (held.length > 0 && fault.kind !== 'freeze') {
        const { data, to } = held.shift()!
        to.write(data)
      }
    }
    const forward = (data: Buffer, to: net.Socket) => {
      if (fault.kind === 'freeze' || held.length > 0) {
        held.push({ data, to })
        pair.flush()
      } else {
        to.write(data)
      }
    }

    let fromClient: Buffer = Buffer.alloc(0)
    let startupSeen = false
    client.on('data', (chunk: Buffer) => {
      fromClient = Buffer.concat([fromClient, chunk])
      for (;;) {
        const { messages, rest } = splitMessages(fromClient, startupSeen)
        if (messages.length === 0) break
        fromClient = rest
        for (const message of messages) {
          if (!startupSeen) {
            // An SSLRequest (code 80877103) is answered 'N' by the server and followed by the real startup.
            startupSeen = message.length !== 8 || message.readInt32BE(4) !== 80877103
            forward(message, upstream)
            continue
          }
          const text = statementText(message)
          if (fault.kind === 'cutOnStatement' && text !== undefined && fault.matching(text)) {
            cut++
            end()
            return
          }
          forward(message, upstream)
        }
        if (!startupSeen) break
      }
    })

    let fromServer: Buffer = Buffer.alloc(0)
    upstream.on('data', (chunk: Buffer) => {
      fromServer = Buffer.concat([fromServer, chunk])
      // A lone 'N'/'S' byte answers an SSLRequest.
      if (fromServer.length === 1 && (fromServer[0] === 0x4e || fromServer[0] === 0x53)) {
        forward(fromServer, client)
        fromServer = Buffer.alloc(0)
        return
      }
      const { messages, rest } = splitMessages(fromServer, true)
      fromServer = rest
      for (const message of messages) {
        if (fault.kind === 'dropNotifications' && message[0] === 0x41 && fault.matching(notificationPayload(message))) {
          dropped++
          continue
        }
        forward(message, client)
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as net.AddressInfo).port
  const url = new URL(databaseUrl)
  url.hostname = '127.0.0.1'
  url.port = String(port)

  return {
    close: async () => {
      for (const pair of pairs) {
        pair.client.destroy()
        pair.server?.destroy()
      }
      pairs.clear()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
    get cut() {
      return cut
    },
    get dropped() {
      return dropped
    },
    set: (next) => {
      fault = next
      if (fault.kind !== 'freeze') for (const pair of pairs) pair.flush()
    },
    url: url.toString(),
  }
}
