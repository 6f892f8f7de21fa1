import React from 'react'

const entities: Record<string, string> = { '&#39;': "'", '&amp;': '&', '&gt;': '>', '&lt;': '<', '&quot;': '"' }

/**
 * A search hit's `highlight`: HTML-escaped text with the matched words in `<mark>…</mark>`. Rendered
 * as React text and <mark> elements, never as HTML: whatever the server sent, nothing but <mark>
 * reaches the page.
 */
export const Highlight = ({ text }: { text: string }) => (
  <>
    {text.split(/(<mark>[\s\S]*?<\/mark>)/).map((part, index) => {
      const marked = part.startsWith('<mark>') && part.endsWith('</mark>')
      const plain = (marked ? part.slice(6, -7) : part).replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => entities[entity]!)
      return marked ? <mark key={index}>{plain}</mark> : <React.Fragment key={index}>{plain}</React.Fragment>
    })}
  </>
)
