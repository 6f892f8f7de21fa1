/**
 * `npm run dev`: the demo site on http://localhost:$PORT (default 3000), on DATABASE_URL or an
 * embedded PostgreSQL, seeded with the article, with a development login printed below.
 */
import { devUser } from '../dev/devUser.js'
import { runWithDatabase } from './withDatabase.js'

const port = process.env.PORT || '3000'
const base = `http://localhost:${port}`

console.log(`[dev] development login: ${devUser.email} / ${devUser.password} (DEV_USER_EMAIL / DEV_USER_PASSWORD)`)

await runWithDatabase('npx', ['next', 'dev', 'dev', '--port', port], async (child) => {
  // Payload starts (pushes the schema, seeds, creates the login) on the first request; make one
  // now so the site is ready when the editor opens it.
  for (let attempt = 0; attempt < 300 && child.exitCode === null; attempt++) {
    try {
      const response = await fetch(`${base}/api/roles?limit=1&depth=0`)
      if (response.ok) {
        console.log(`[dev] ready: admin ${base}/admin, GraphQL ${base}/api/graphql, playground ${base}/api/graphql-playground`)
        console.log(`[dev] log in as ${devUser.email} / ${devUser.password}`)
        return
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
})
