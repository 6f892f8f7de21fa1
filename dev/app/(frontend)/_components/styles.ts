/** A few rules, inline: the example needs no CSS pipeline. */
export const styles = `
:root { color-scheme: light; --ink: #1d2330; --muted: #5b6475; --line: #dde1e8; --accent: #2456c7; --required: #0f6b3a; --recommended: #8a5a00; --bg-shared: #f3f7ff; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
a { color: var(--accent); }
header.site, footer.site { display: flex; gap: 1.5rem; align-items: baseline; padding: 0.9rem 2rem; border-bottom: 1px solid var(--line); }
footer.site { border-top: 1px solid var(--line); border-bottom: 0; color: var(--muted); font-size: 0.85rem; margin-top: 3rem; }
header.site .brand { font-weight: 700; color: var(--ink); text-decoration: none; }
header.site nav { display: flex; gap: 1rem; }
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem 2rem; }
h1 { font-size: 1.9rem; margin: 0.5rem 0 0.75rem; line-height: 1.2; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.5rem; }
.lead { color: var(--muted); max-width: 48rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 1rem; padding: 0; list-style: none; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem; }
.card h2, .card h3 { margin: 0 0 0.35rem; font-size: 1.15rem; }
.meta { color: var(--muted); font-size: 0.9rem; }
.badge { display: inline-block; font-size: 0.75rem; font-weight: 600; padding: 0.05rem 0.45rem; border-radius: 999px; border: 1px solid currentColor; white-space: nowrap; }
.badge.required { color: var(--required); }
.badge.recommended { color: var(--recommended); }
.badge.draft { color: #a3262a; vertical-align: middle; }
.preview-banner { margin: 0; display: flex; gap: 1rem; align-items: baseline; padding: 0.6rem 2rem; background: #fff4d6; border-bottom: 1px solid #e9cf85; font-size: 0.9rem; }
.absent { color: #9aa2b1; }
table.compare { width: 100%; border-collapse: collapse; margin: 0.5rem 0 1rem; table-layout: fixed; }
table.compare th, table.compare td { text-align: left; vertical-align: top; padding: 0.5rem 0.75rem; border-bottom: 1px solid var(--line); }
table.compare thead th { font-size: 0.85rem; color: var(--muted); border-bottom: 2px solid var(--line); }
table.compare th[scope=row] { font-weight: 600; width: 30%; }
table.compare tr.shared { background: var(--bg-shared); }
.note { display: block; color: var(--muted); font-size: 0.85rem; margin-top: 0.2rem; }
.tally { color: var(--muted); font-size: 0.85rem; margin: 0; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
ul.links { padding-left: 1.2rem; }
ul.links li { margin: 0.35rem 0; }
dl.codes { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
dl.codes dt { font-weight: 600; }
header.site nav.languages { margin-left: auto; gap: 0.75rem; font-size: 0.9rem; }
.fallback-mark { font-size: 0.65rem; font-weight: 600; color: var(--muted); border: 1px solid var(--line); border-radius: 3px; padding: 0 0.2rem; text-decoration: none; vertical-align: super; cursor: help; }
.untranslated-notice { margin: 0 0 1rem; padding: 0.5rem 0.75rem; background: #f6f7f9; border-left: 3px solid var(--line); color: var(--muted); font-size: 0.9rem; }
.match-form { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; align-items: start; }
.match-form fieldset { border: 1px solid var(--line); border-radius: 8px; padding: 0.75rem 1rem; display: grid; gap: 0.3rem; }
.match-form button { grid-column: 1 / -1; justify-self: start; padding: 0.5rem 1rem; font: inherit; }
ol.matches { padding: 0; list-style: none; display: grid; gap: 1rem; }
.score { font-size: 0.9rem; font-weight: 600; color: var(--required); margin-left: 0.5rem; }
.match-items ul { margin: 0.25rem 0 0.5rem; }
.search-box { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin: 1rem 0; }
.search-box label { width: 100%; font-weight: 600; }
.search-field { position: relative; flex: 1 1 24rem; }
.search-field input { width: 100%; padding: 0.45rem 0.6rem; font: inherit; border: 1px solid var(--line); border-radius: 6px; }
.search-box button { padding: 0.45rem 1rem; font: inherit; }
ul.suggestions { position: absolute; z-index: 2; left: 0; right: 0; margin: 0.2rem 0 0; padding: 0.25rem 0; list-style: none; background: #fff; border: 1px solid var(--line); border-radius: 6px; box-shadow: 0 4px 12px rgba(0,0,0,0.08); }
ul.suggestions a { display: block; padding: 0.3rem 0.6rem; text-decoration: none; color: var(--ink); }
ul.suggestions a:hover, ul.suggestions a:focus { background: var(--bg-shared); }
nav.kinds { display: flex; gap: 1rem; flex-wrap: wrap; margin: 0.5rem 0 1rem; }
ol.hits { padding-left: 1.2rem; }
ol.hits li { margin: 0.6rem 0; }
ol.hits .highlight { margin: 0.2rem 0; }
mark { background: #fff0a8; padding: 0 0.1rem; }
nav.pages { display: flex; gap: 1rem; }
`
