/**
 * Turns what an instructor pastes or uploads into the plain text that
 * `passagesOf` splits: HTML reduced to its readable text, Markdown stripped of
 * its markup, plain text kept. The format is sniffed from the content, never
 * from a file name, so a page saved as `.txt` is still read as HTML.
 */

/** The most text one source may hold (characters, after reduction to plain text). */
export const MAX_SOURCE_TEXT_CHARS = 1_000_000

export type TextFormat = 'html' | 'markdown' | 'text'

const HTML_START = /^\s*(?:<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<!--)/i
const HTML_TAG =
  /<\/?(?:p|div|br|h[1-6]|li|ul|ol|a|span|article|section|em|strong|table|tr|td|img|blockquote)\b[^>]*>/gi
const MARKDOWN_SIGNS = [
  /^#{1,6}\s+\S/m,
  /\[[^\]\n]+\]\([^)\s]+\)/,
  /^\s{0,3}[-*+]\s+\S/m,
  /\*\*[^*\n]+\*\*/,
  /^```/m,
  /^>\s/m,
]

/**
 * What the content is written in.
 * @example sniffFormat('<p>Hello</p><p>there</p>') // 'html'
 */
export function sniffFormat(content: string): TextFormat {
  if (HTML_START.test(content)) return 'html'
  if ((content.match(HTML_TAG)?.length ?? 0) >= 2) return 'html'
  if (MARKDOWN_SIGNS.filter((sign) => sign.test(content)).length >= 1) return 'markdown'
  return 'text'
}

/** True when the content is not text at all (a PDF, an image, a Word file read as UTF-8). */
export function looksBinary(content: string): boolean {
  if (content.includes('\u0000')) return true
  const sample = content.slice(0, 4096)
  const replaced = sample.match(/\uFFFD/g)?.length ?? 0
  return sample.length > 0 && replaced / sample.length > 0.01
}

/**
 * The readable text of any of the three formats, one paragraph a line.
 * @example readableTextOf('# Title\n\nSome *text*.') // { format: 'markdown', text: 'Title\nSome text.' }
 */
export function readableTextOf(content: string): { format: TextFormat; text: string } {
  const clean = content.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  const format = sniffFormat(clean)
  const text = format === 'html' ? htmlToText(clean) : format === 'markdown' ? markdownToText(clean) : clean
  return { format, text: tidyLines(text) }
}

// Elements whose content is not part of the article: code, styling, menus, forms.
const DROPPED = [
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'nav',
  'head',
  'form',
  'iframe',
  'button',
  'select',
]
// Elements that end a paragraph.
const BLOCKS =
  /<\/?(?:p|div|br|hr|h[1-6]|li|ul|ol|dl|dt|dd|tr|table|blockquote|section|article|header|footer|aside|main|figure|figcaption|pre|address|details|summary)\b[^>]*>/gi

/**
 * The readable text of an HTML page: scripts, styles, navigation and forms
 * dropped, each block element a paragraph, entities decoded.
 * @example htmlToText('<nav>Menu</nav><p>One &amp; two.</p><p>Three.</p>') // 'One & two.\nThree.'
 */
export function htmlToText(html: string): string {
  let body = html.replace(/<!--[\s\S]*?-->/g, ' ')
  for (const tag of DROPPED) body = body.replace(new RegExp(`<${tag}\\b[\\s\\S]*?</${tag}\\s*>`, 'gi'), ' ')
  return decodeEntities(
    body
      // Line breaks in the markup are spaces; only block elements end a paragraph.
      .replace(/\s+/g, ' ')
      .replace(BLOCKS, '\n')
      .replace(/<[^>]*>/g, ''),
  )
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
  laquo: '«',
  raquo: '»',
  copy: '©',
  eacute: 'é',
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1))
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole
  })
}

/**
 * Markdown without its markup: headings, list items and quoted lines become
 * paragraphs of their own, lines wrapped inside a paragraph are joined, links
 * keep their text, images and code fences go.
 * @example markdownToText('A [link](https://x.org)\nwraps here.') // 'A link wraps here.'
 */
export function markdownToText(markdown: string): string {
  const paragraphs: string[] = []
  let current: string[] = []
  let fenced = false
  const flush = () => {
    if (current.length) paragraphs.push(current.join(' '))
    current = []
  }
  for (const raw of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(raw)) {
      fenced = !fenced
      flush()
      continue
    }
    if (fenced) continue
    const line = raw.trim()
    if (line === '' || /^([-*_]\s*){3,}$/.test(line)) {
      flush()
      continue
    }
    const heading = /^#{1,6}\s+(.*?)\s*#*$/.exec(line)
    const item = /^(?:[-*+]|\d+[.)])\s+(.*)$/.exec(line)
    if (heading || item) {
      flush()
      paragraphs.push(heading?.[1] ?? item?.[1] ?? '')
      continue
    }
    current.push(line.replace(/^>\s?/, ''))
  }
  flush()
  return paragraphs.map(stripInlineMarkdown).join('\n')
}

function stripInlineMarkdown(text: string): string {
  return text
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[\s(])[*_]([^*_\s][^*_]*?)[*_](?=[\s).,;:!?]|$)/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/<[^>]+>/g, '')
}

/** One paragraph a line: spaces folded, blank lines dropped. */
function tidyLines(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n')
}
