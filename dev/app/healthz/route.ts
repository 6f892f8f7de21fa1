/**
 * A trivial route: answers without touching Payload or the database. Load balancers can probe it,
 * and `npm run bench` measures it next to `roleBySlug` to show what the server costs by itself:
 * GET, and POST, which reads the body it is sent and drops it (what Next.js costs to receive a
 * GraphQL query's body, before any GraphQL server sees it).
 */
export const dynamic = 'force-dynamic'

export const GET = () => Response.json({ status: 'ok' })

export const POST = async (request: Request) => {
  await request.arrayBuffer()
  return Response.json({ status: 'ok' })
}
