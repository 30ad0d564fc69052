import { DEFAULT_EMBED_THEME, type EmbedTheme } from './theme'

/** The default size of an embedded quiz before the host script resizes it. */
export const DEFAULT_EMBED_WIDTH = 640
export const DEFAULT_EMBED_HEIGHT = 560

const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

export type SnippetOptions = { width?: number; height?: number; theme?: EmbedTheme }

/**
 * The HTML a course site pastes: the iframe (which works alone at a fixed
 * height, scrolling inside) and the host script that sizes it to its content.
 *
 * `theme` picks the colour scheme inside the frame (light unless asked).
 *
 * @example embedSnippet('https://cited.example', 'pipeline-and-oil', 'The pipeline', { theme: 'dark' })
 */
export function embedSnippet(
  origin: string,
  slug: string,
  title: string,
  options: SnippetOptions = {},
): string {
  const width = options.width ?? DEFAULT_EMBED_WIDTH
  const height = options.height ?? DEFAULT_EMBED_HEIGHT
  const theme = options.theme ?? DEFAULT_EMBED_THEME
  // The default stays out of the URL, so snippets pasted before themes existed mean the same.
  const query = theme === DEFAULT_EMBED_THEME ? '' : `?theme=${theme}`
  const src = `${origin}/embed/${encodeURIComponent(slug)}${query}`
  return (
    `<iframe src="${escapeAttribute(src)}" title="${escapeAttribute(`Quiz: ${title}`)}" ` +
    `width="${width}" height="${height}" style="border:0;max-width:100%" loading="lazy"></iframe>\n` +
    `<script src="${escapeAttribute(`${origin}/embed.js`)}" async></script>`
  )
}
