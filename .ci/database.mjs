// Creates or drops the CI run's own database on the server at 127.0.0.1:5432.
//   node .ci/database.mjs create|drop <name>
import pg from 'pg'

const [action, name] = process.argv.slice(2)
if (!['create', 'drop'].includes(action) || !/^[a-z_][a-z0-9_]*$/.test(name ?? '')) {
  console.error('usage: node .ci/database.mjs create|drop <name>')
  process.exit(2)
}
const client = new pg.Client({ connectionString: process.env.CI_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test' })
await client.connect()
await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
if (action === 'create') await client.query(`CREATE DATABASE "${name}"`)
await client.end()
console.log(`[ci] ${action === 'create' ? 'created' : 'dropped'} database ${name}`)
