'use client'

import type { TextFieldClientProps } from 'payload'

import { TextInput, useDocumentInfo, useField, useFormFields } from '@payloadcms/ui'
import React, { useEffect, useRef } from 'react'

import { toSlug } from '../fields/slugFormat.js'

export type SlugInputProps = TextFieldClientProps & {
  /** Name of the field the slug is made from, e.g. `title`. */
  useAsSlug: string
}

/**
 * The slug as a plain, editable text input that fills itself in from the title as the editor
 * types. It follows the title on a new document (or while the slug is empty) until the editor
 * types a slug of their own; on a saved document it never changes by itself, because the slug is
 * the document's address. Duplicates and malformed slugs are reported by the server: in the form
 * state while the editor edits (src/fields/slug.ts) and on save.
 */
export const SlugInput: React.FC<SlugInputProps> = ({ field, path: pathFromProps, readOnly, useAsSlug }) => {
  const { admin: { description, placeholder } = {}, label, localized, required } = field
  const { id } = useDocumentInfo()
  const { disabled, errorMessage, path, setValue, showError, valid, value } = useField<string>({
    potentiallyStalePath: pathFromProps,
  })
  const source = useFormFields(([fields]) => fields[useAsSlug]?.value)

  const follows = useRef(id === undefined || id === null || !value)

  useEffect(() => {
    if (!follows.current) return
    const derived = toSlug(source) ?? ''
    if (derived !== (value ?? '')) setValue(derived)
    // Only the title drives this; the slug's own changes come from the editor (see onChange).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [source])

  return (
    <TextInput
      description={description}
      label={label}
      localized={localized}
      onChange={(event: React.ChangeEvent<HTMLInputElement>) => {
        const typed = event.target.value
        // Clearing the slug hands it back to the title; anything else is the editor's choice.
        follows.current = typed === ''
        setValue(typed === '' ? (toSlug(source) ?? '') : typed)
      }}
      path={path}
      placeholder={placeholder}
      readOnly={Boolean(readOnly || disabled)}
      required={required}
      // A draft save that fails leaves the form "unsubmitted", which hides field errors; a taken
      // slug is still the editor's to fix, so the server's message is shown all the same.
      showError={showError || (valid === false && Boolean(errorMessage))}
      value={value ?? ''}
    />
  )
}
