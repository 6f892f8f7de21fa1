/**
 * A trivial route: answers without touching Payload or the database. Load balancers can probe it,
 * and `npm run bench` measures it next to `roleBySlug` to show what the server costs by itself.
 */
export const dynamic = 'force-dynamic'

export const GET = () => Response.json({ status: 'ok' })
