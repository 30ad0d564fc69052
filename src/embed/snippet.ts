/** The default size of an embedded quiz before the host script resizes it. */
export const DEFAULT_EMBED_WIDTH = 640
export const DEFAULT_EMBED_HEIGHT = 560

const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

export type SnippetOptions = { width?: number; height?: number }

/**
 * The HTML a course site pastes: the iframe (which works alone at a fixed
 * height, scrolling inside) and the host script that sizes it to its content.
 *
 * @example embedSnippet('https://cited.example', 'pipeline-and-oil', 'The pipeline')
 */
export function embedSnippet(
  origin: string,
  slug: string,
  title: string,
  options: SnippetOptions = {},
): string {
  const width = options.width ?? DEFAULT_EMBED_WIDTH
  const height = options.height ?? DEFAULT_EMBED_HEIGHT
  const src = `${origin}/embed/${encodeURIComponent(slug)}`
  return (
    `<iframe src="${escapeAttribute(src)}" title="${escapeAttribute(`Quiz: ${title}`)}" ` +
    `width="${width}" height="${height}" style="border:0;max-width:100%" loading="lazy"></iframe>\n` +
    `<script src="${escapeAttribute(`${origin}/embed.js`)}" async></script>`
  )
}
