/**
 * A trivial route: answers without touching Payload or the database. Load balancers can probe it,
 * and `npm run bench` measures it next to `roleBySlug` to show what the server costs by itself:
 * GET, and POST, which reads the body it is sent and drops it (what Next.js costs to receive a
 * GraphQL query's body, before any GraphQL server sees it). `POST /healthz?bytes=N` (N up to 1 MiB)
 * answers a JSON body of N bytes, made once per size: the same amount of HTTP as a cached answer of
 * that size, with nothing else done.
 */
export const dynamic = 'force-dynamic'

export const GET = () => Response.json({ status: 'ok' })

const padded = new Map<number, Uint8Array<ArrayBuffer>>()
const bodyOf = (bytes: number): Uint8Array<ArrayBuffer> => {
  let found = padded.get(bytes)
  if (!found) {
    const frame = JSON.stringify({ pad: '', status: 'ok' })
    found = new TextEncoder().encode(JSON.stringify({ pad: 'x'.repeat(Math.max(0, bytes - frame.length)), status: 'ok' }))
    if (padded.size >= 16) padded.clear()
    padded.set(bytes, found)
  }
  return found
}

export const POST = async (request: Request) => {
  await request.arrayBuffer()
  const bytes = Number(new URL(request.url).searchParams.get('bytes'))
  if (Number.isInteger(bytes) && bytes > 0 && bytes <= 1024 * 1024) {
    return new Response(bodyOf(bytes), { headers: { 'Content-Type': 'application/json' } })
  }
  return Response.json({ status: 'ok' })
}
