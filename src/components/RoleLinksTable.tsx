'use client'

import { Button, useConfig, useDocumentInfo, useLocale } from '@payloadcms/ui'
import React, { useCallback, useEffect, useState } from 'react'

export type RoleLinksTableProps = {
  /** Path of the link on the role, e.g. `skills.skill` (the join's `on`). */
  on: string
  /** Slug of the roles collection (the plugin's, after overrides). */
  rolesSlug: string
}

type ID = number | string
type Link = { id: string; note: null | string; requirement: string }
type RoleRow = { id: ID; links: Link[]; slug: null | string; status: 'draft' | 'published'; title: string; updatedAt?: null | string }
type RoleOption = { id: ID; title: string; updatedAt?: string }
type Edit = { note: string; requirement: string }

const requirementOptions = [
  { label: 'Required', value: 'required' },
  { label: 'Recommended', value: 'recommended' },
]

const baseClass = 'role-catalog-role-links'

type LinkCellsProps = { disabled: boolean; label: string; onChange: (next: Partial<Edit>) => void; value: Edit }

/** A link's requirement and note, as two table cells: in each linking role's row and in the add row. */
const LinkCells = ({ disabled, label, onChange, value }: LinkCellsProps) => (
  <>
    <td>
      <select
        aria-label={`Requirement for ${label}`}
        disabled={disabled}
        onChange={(event) => onChange({ requirement: event.target.value })}
        value={value.requirement}
      >
        {requirementOptions.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </td>
    <td>
      <input
        aria-label={`Note for ${label}`}
        disabled={disabled}
        onChange={(event) => onChange({ note: event.target.value })}
        type="text"
        value={value.note}
      />
    </td>
  </>
)

const errorText = (body: unknown, status: number) => {
  const errors = (body as { errors?: { data?: { errors?: { message?: string }[] }; message?: string }[] })?.errors
  return errors?.[0]?.data?.errors?.[0]?.message ?? errors?.[0]?.message ?? `The server answered ${status}.`
}

/**
 * The Roles table on a skill, certification or responsibility: each role that links it, with the
 * link's requirement and note, editable here; and a row to add the item to another role. Each change
 * is a new version of the role (a draft, or published), written by the plugin's
 * `/:id/role-links` endpoint with the editor's own session and access.
 */
export const RoleLinksTable: React.FC<RoleLinksTableProps> = ({ on, rolesSlug }) => {
  const { collectionSlug, id } = useDocumentInfo()
  const {
    config: {
      routes: { admin: adminRoute, api },
      serverURL,
    },
  } = useConfig()
  const { code: locale } = useLocale()
  const apiBase = `${serverURL ?? ''}${api}`
  const endpoint = `${apiBase}/${collectionSlug}/${id}/role-links?locale=${encodeURIComponent(locale ?? '')}`

  const [roles, setRoles] = useState<RoleRow[] | undefined>()
  const [options, setOptions] = useState<RoleOption[]>([])
  const [edits, setEdits] = useState<Record<string, Edit>>({})
  const [added, setAdded] = useState<{ note: string; requirement: string; role: string }>({ note: '', requirement: 'required', role: '' })
  const [status, setStatus] = useState<{ kind: 'error' | 'success'; text: string } | undefined>()
  const [busy, setBusy] = useState(false)
  // No endpoint (the plugin is disabled): the roles, read-only, from Payload's REST API.
  const [readOnly, setReadOnly] = useState(false)

  /** `keepEdits`: after a refused change, the editor's typed requirement and note stay in the table. */
  const load = useCallback(async ({ keepEdits = false }: { keepEdits?: boolean } = {}) => {
    if (id === undefined || id === null) return
    const response = await fetch(endpoint, { credentials: 'include', headers: { Accept: 'application/json' } })
    const body = (await response.json().catch(() => undefined)) as { roles?: RoleRow[] } | undefined
    if (response.status === 404) {
      const where = `where[${encodeURIComponent(on)}][equals]=${encodeURIComponent(String(id))}`
      const list = await fetch(`${apiBase}/${rolesSlug}?${where}&depth=0&draft=true&limit=100&sort=slug&select[title]=true&select[slug]=true`, {
        credentials: 'include',
        headers: { Accept: 'application/json' },
      })
      const found = (await list.json().catch(() => undefined)) as { docs?: { _status?: string; id: ID; slug?: string; title?: string }[] } | undefined
      setReadOnly(true)
      setRoles(
        (found?.docs ?? []).map((doc) => ({
          id: doc.id,
          links: [],
          slug: doc.slug ?? null,
          status: doc._status === 'published' ? 'published' : 'draft',
          title: doc.title ?? `#${String(doc.id)}`,
        })),
      )
      return
    }
    if (!response.ok) {
      setStatus({ kind: 'error', text: errorText(body, response.status) })
      setRoles([])
      return
    }
    setRoles(body?.roles ?? [])
    if (!keepEdits) setEdits({})
  }, [apiBase, endpoint, id, on, rolesSlug])

  useEffect(() => {
    void load()
  }, [load])

  useEffect(() => {
    if (id === undefined || id === null) return
    const url = `${apiBase}/${rolesSlug}?depth=0&draft=true&limit=100&sort=slug&locale=${encodeURIComponent(locale ?? '')}&select[title]=true&select[updatedAt]=true`
    void fetch(url, { credentials: 'include', headers: { Accept: 'application/json' } })
      .then(async (response) => (response.ok ? ((await response.json()) as { docs: RoleOption[] }) : { docs: [] }))
      .then((body) => setOptions(body.docs))
      .catch(() => setOptions([]))
    // Read again with the table (`roles`), so each role's `updatedAt` is the one last seen.
  }, [apiBase, id, locale, roles, rolesSlug])

  /**
   * `roleUpdatedAt`: when the role was saved as this table saw it; the endpoint refuses the change
   * (409) if someone saved the role since, or (423) while someone has it open, and the table then
   * shows why and reloads, so the other editor's change is seen rather than overwritten.
   */
  const save = async (payload: { note?: null | string; publish: boolean; requirement: string; role: ID; roleUpdatedAt?: null | string }) => {
    setBusy(true)
    setStatus(undefined)
    try {
      const response = await fetch(endpoint, {
        body: JSON.stringify(payload),
        credentials: 'include',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
        method: 'POST',
      })
      const body = (await response.json().catch(() => undefined)) as { message?: string } | undefined
      if (!response.ok) {
        if (response.status === 409) await load({ keepEdits: true })
        setStatus({ kind: 'error', text: errorText(body, response.status) })
        return false
      }
      setStatus({ kind: 'success', text: body?.message ?? 'Saved.' })
      await load()
      return true
    } finally {
      setBusy(false)
    }
  }

  if (readOnly) {
    return (
      <div className={`${baseClass} field-type`} id="field-roles">
        <h4 className={`${baseClass}__heading`}>Roles</h4>
        <p className="field-description">Roles that link to this. Edit the link on the role.</p>
        <ul>
          {roles?.map((role) => (
            <li key={String(role.id)}>
              <a href={`${adminRoute}/collections/${rolesSlug}/${role.id}`}>{role.title}</a>
            </li>
          ))}
        </ul>
      </div>
    )
  }

  if (id === undefined || id === null) {
    return (
      <div className={`${baseClass} field-type`}>
        <h4 className={`${baseClass}__heading`}>Roles</h4>
        <p className="field-description">Save this first; then add it to roles here.</p>
      </div>
    )
  }

  const linkedIDs = new Set((roles ?? []).map((role) => String(role.id)))
  const addable = options.filter((option) => !linkedIDs.has(String(option.id)))

  return (
    <div className={`${baseClass} field-type`} id="field-roles">
      <h4 className={`${baseClass}__heading`}>Roles</h4>
      <p className="field-description">
        Roles that link this, with the link&apos;s requirement and note. A change here is a new version of the role: saved as a
        draft, or published (with the role&apos;s other unpublished changes).
      </p>
      {status && (
        <div className={`${baseClass}__status ${baseClass}__status--${status.kind}`} role={status.kind === 'error' ? 'alert' : 'status'}>
          {status.text}
        </div>
      )}
      <table className={`${baseClass}__table table`}>
        <thead>
          <tr>
            <th>Role</th>
            <th>Status</th>
            <th>Requirement</th>
            <th>Note</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {roles === undefined && (
            <tr>
              <td colSpan={5}>Loading…</td>
            </tr>
          )}
          {roles?.length === 0 && (
            <tr>
              <td colSpan={5}>No role links this yet.</td>
            </tr>
          )}
          {roles?.map((role) => {
            const link = role.links[0]
            const key = String(role.id)
            const edit = edits[key] ?? { note: link?.note ?? '', requirement: link?.requirement ?? 'required' }
            const changed = edit.requirement !== (link?.requirement ?? 'required') || edit.note !== (link?.note ?? '')
            const setEdit = (next: Partial<Edit>) => setEdits((all) => ({ ...all, [key]: { ...edit, ...next } }))
            return (
              <tr data-role={role.slug ?? key} key={key}>
                <td>
                  <a href={`${adminRoute}/collections/${rolesSlug}/${role.id}`}>{role.title}</a>
                </td>
                <td>{role.status === 'published' ? 'Published' : 'Draft'}</td>
                <LinkCells disabled={busy} label={role.title} onChange={setEdit} value={edit} />
                <td className={`${baseClass}__actions`}>
                  <Button
                    buttonStyle="secondary"
                    disabled={busy || !changed}
                    margin={false}
                    onClick={() => void save({ note: edit.note, publish: false, requirement: edit.requirement, role: role.id, roleUpdatedAt: role.updatedAt })}
                    size="small"
                  >
                    Save draft
                  </Button>
                  <Button
                    buttonStyle="primary"
                    disabled={busy || !changed}
                    margin={false}
                    onClick={() => void save({ note: edit.note, publish: true, requirement: edit.requirement, role: role.id, roleUpdatedAt: role.updatedAt })}
                    size="small"
                  >
                    Publish
                  </Button>
                </td>
              </tr>
            )
          })}
        </tbody>
        <tfoot>
          <tr className={`${baseClass}__add`}>
            <td>
              <select
                aria-label="Add to role"
                disabled={busy}
                onChange={(event) => setAdded((value) => ({ ...value, role: event.target.value }))}
                value={added.role}
              >
                <option value="">Add to role…</option>
                {addable.map((option) => (
                  <option key={String(option.id)} value={String(option.id)}>
                    {option.title}
                  </option>
                ))}
              </select>
            </td>
            <td />
            <LinkCells
              disabled={busy}
              label="the new link"
              onChange={(next) => setAdded((value) => ({ ...value, ...next }))}
              value={added}
            />
            <td className={`${baseClass}__actions`}>
              {[false, true].map((publish) => (
                <Button
                  buttonStyle={publish ? 'primary' : 'secondary'}
                  disabled={busy || added.role === ''}
                  key={String(publish)}
                  margin={false}
                  onClick={async () => {
                    const role = options.find((option) => String(option.id) === added.role)
                    if (!role) return
                    const ok = await save({
                      note: added.note === '' ? null : added.note,
                      publish,
                      requirement: added.requirement,
                      role: role.id,
                      roleUpdatedAt: role.updatedAt,
                    })
                    if (ok) setAdded({ note: '', requirement: 'required', role: '' })
                  }}
                  size="small"
                >
                  {publish ? 'Add and publish' : 'Add as draft'}
                </Button>
              ))}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  )
}
