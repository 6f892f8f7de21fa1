/** Only a path on this site: never `//other.host`, `/\other.host` or an absolute URL (no open redirect). */
export const isLocalPath = (path: string) => path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\')

/**
 * A temporary redirect to a path on this site. A plain Response, since `redirect()` from
 * next/navigation pulls the app router's client context into a route handler, which Next 16's build
 * cannot resolve; Next adds the draft-mode cookie the handler set or cleared to it.
 */
export const redirectTo = (path: string) => new Response(null, { headers: { Location: path }, status: 307 })
