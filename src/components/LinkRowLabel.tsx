'use client'

import { useConfig, useRowLabel } from '@payloadcms/ui'
import React, { useEffect, useState } from 'react'

export type LinkRowLabelProps = {
  /** Name of the relationship inside the row, e.g. `skill`. */
  itemName: string
  /** Collection the relationship points to. */
  relationTo: string
  /** Shown while a row has no item yet, followed by the row number, e.g. "Skill". */
  singular: string
}

type ID = number | string

const requirementLabels: Record<string, string> = { recommended: 'Recommended', required: 'Required' }

/** Titles already fetched in this admin session, by `${collection}:${id}`. */
const titles = new Map<string, Promise<string | undefined>>()

const fetchTitle = (url: string) =>
  fetch(url, { credentials: 'include', headers: { Accept: 'application/json' } })
    .then(async (response) => (response.ok ? ((await response.json()) as Record<string, unknown>) : undefined))
    .catch(() => undefined)

/**
 * The label of a role's link row: the linked item's name and whether the role requires or
 * recommends it ("Leadership · Required"), so a collapsed list of links still reads as a list.
 */
export const LinkRowLabel: React.FC<LinkRowLabelProps> = ({ itemName, relationTo, singular }) => {
  const { data, rowNumber } = useRowLabel<Record<string, unknown>>()
  const {
    config: { routes, serverURL },
    getEntityConfig,
  } = useConfig()
  const titleField = getEntityConfig({ collectionSlug: relationTo })?.admin?.useAsTitle ?? 'id'

  const raw = data?.[itemName]
  const id: ID | undefined =
    typeof raw === 'number' || typeof raw === 'string'
      ? raw
      : raw && typeof raw === 'object' && 'id' in raw
        ? (raw as { id: ID }).id
        : undefined
  // undefined: not known yet; null: the item could not be read (deleted, or no access).
  const [title, setTitle] = useState<null | string | undefined>()

  useEffect(() => {
    setTitle(undefined)
    if (id === undefined || id === '') return
    let current = true
    const key = `${relationTo}:${id}`
    let pending = titles.get(key)
    if (!pending) {
      const url = `${serverURL ?? ''}${routes.api}/${relationTo}/${encodeURIComponent(String(id))}?depth=0&draft=true&select[${titleField}]=true`
      pending = fetchTitle(url).then((doc) => {
        const value = doc?.[titleField]
        if (typeof value !== 'string') titles.delete(key)
        return typeof value === 'string' ? value : undefined
      })
      titles.set(key, pending)
    }
    void pending.then((value) => current && setTitle(value ?? null))
    return () => {
      current = false
    }
  }, [id, relationTo, routes.api, serverURL, titleField])

  const requirement = typeof data?.requirement === 'string' ? requirementLabels[data.requirement] : undefined
  const name =
    id === undefined
      ? `${singular} ${String((rowNumber ?? 0) + 1).padStart(2, '0')}`
      : title === undefined
        ? `${singular} …`
        : (title ?? `${singular} #${id}`)
  return (
    <span className="role-catalog-link-row-label">
      {name}
      {requirement ? <span style={{ opacity: 0.7 }}>{` · ${requirement}`}</span> : null}
    </span>
  )
}
