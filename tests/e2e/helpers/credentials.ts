/** The editor the browser tests log in as; created by prepareDatabase.ts in each fresh database. */
export const e2eEditor = { email: 'e2e-editor@example.com', password: 'e2e-editor-password' }
