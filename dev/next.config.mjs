import { withPayload } from '@payloadcms/next/withPayload'

/*
 * The example frontend's pages live under app/(frontend)/(…)/[lang]/…, one tree for every language
 * (app/(frontend)/_lib/languages.ts). English, the default, is served without a prefix: its URLs are
 * rewritten onto the `en` segment before Next looks for a page, and /en/… redirects to them, so each
 * page has one address per language (what hreflang links point at).
 */
const englishPages = ['/roles', '/roles/:slug', '/compare/:a/:b', '/match', '/search']

/** @type {import('next').NextConfig} */
const nextConfig = {
  redirects: async () => [
    { destination: '/roles', permanent: false, source: '/' },
    { destination: '/de/roles', permanent: false, source: '/de' },
    ...englishPages.map((page) => ({ destination: page, permanent: true, source: `/en${page}` })),
  ],
  rewrites: async () => ({
    beforeFiles: englishPages.map((page) => ({ destination: `/en${page}`, source: page })),
  }),
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
