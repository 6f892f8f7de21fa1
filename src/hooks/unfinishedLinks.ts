import type { CollectionBeforeValidateHook } from 'payload'

import { linkedCollections, relationID, roleLinks } from './roleLinks.js'

/** Whether the request is the admin's autosave (`PATCH /api/<roles>/<id>?autosave=true&draft=true`). */
const isAutosave = (query: unknown): boolean => {
  const autosave = (query as { autosave?: unknown } | undefined)?.autosave
  return autosave === true || autosave === 'true'
}

/**
 * Leaves link rows whose item is not picked yet out of an autosaved draft of a role.
 *
 * An editor adds a link row (*Add Skill*) and then picks the skill; the admin autosaves about a second
 * after the last change, so on a busy machine, or for an editor who searches a while, the autosave
 * comes between the two. The row then has no item, and drafts are validated (src/plugin/versions.ts):
 * the server refused the whole autosave (400, "Skills 4 > Skill" invalid), the form turned to showing
 * errors and an error toast in the middle of the pick, and the picked link was at the mercy of the
 * merges that followed. A row without its item is not a link yet: the autosave saves everything else,
 * and the form keeps the row (on autosave the admin's form state, not the server's, decides the rows),
 * so the next autosave after the pick saves it. An explicit Save Draft or Publish, and any API client,
 * still get the 400 naming the row's field: only the autosave, which nobody asked for, skips it.
 */
export const leaveUnfinishedLinksOutOfAutosaves: CollectionBeforeValidateHook = ({ data, req }) => {
  if (!data || data._status !== 'draft' || !isAutosave(req.query)) return data
  for (const name of linkedCollections) {
    const { arrayName, itemName } = roleLinks[name]
    const rows = data[arrayName]
    if (!Array.isArray(rows)) continue
    const finished = rows.filter((row) => relationID(row?.[itemName]) !== undefined)
    if (finished.length !== rows.length) data[arrayName] = finished
  }
  return data
}
