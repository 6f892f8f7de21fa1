'use client'

import { Button, useConfig, useDocumentInfo } from '@payloadcms/ui'
import React, { useState } from 'react'

export type RedeliverButtonProps = Record<string, unknown>

/**
 * On a webhook delivery (the change notifications' outbox): sends the same notification to the same
 * URL again, as a new delivery at the end of that URL's queue, and opens it
 * (`POST /api/<deliveries>/:id/redeliver`).
 */
export const RedeliverButton: React.FC<RedeliverButtonProps> = () => {
  const { collectionSlug, id } = useDocumentInfo()
  const {
    config: {
      routes: { admin, api },
      serverURL,
    },
  } = useConfig()
  const [message, setMessage] = useState<string>()
  const [busy, setBusy] = useState(false)
  if (id === undefined || id === null) return null

  const redeliver = async () => {
    setBusy(true)
    setMessage(undefined)
    try {
      const response = await fetch(`${serverURL ?? ''}${api}/${collectionSlug}/${encodeURIComponent(String(id))}/redeliver`, {
        credentials: 'include',
        method: 'POST',
      })
      const body = (await response.json().catch(() => ({}))) as { doc?: { id: number | string }; errors?: { message: string }[]; message?: string }
      if (!response.ok || !body.doc) {
        setMessage(body.errors?.[0]?.message ?? body.message ?? `Redelivery refused (HTTP ${response.status}).`)
        return
      }
      window.location.assign(`${serverURL ?? ''}${admin}/collections/${collectionSlug}/${body.doc.id}`)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="field-type" style={{ marginBottom: 'var(--base)' }}>
      <Button buttonStyle="secondary" disabled={busy} onClick={() => void redeliver()} size="medium">
        Redeliver
      </Button>
      {message ? <p role="alert">{message}</p> : null}
    </div>
  )
}
