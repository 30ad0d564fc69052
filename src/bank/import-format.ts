export const importFormats = ['gift', 'json'] as const
export type ImportFormat = (typeof importFormats)[number]

/**
 * The format of an import: the one chosen, else the file's extension, else
 * JSON when the text starts like a JSON array of objects, else GIFT.
 * @example detectFormat(undefined, 'week1.gift', text) // 'gift'
 */
export function detectFormat(
  chosen: string | undefined,
  fileName: string | null,
  text: string,
): ImportFormat {
  if (chosen === 'gift' || chosen === 'json') return chosen
  if (fileName) {
    if (/\.json$/i.test(fileName)) return 'json'
    if (/\.(gift|txt)$/i.test(fileName)) return 'gift'
  }
  // `[html]` or `[markdown]` can open a GIFT question; a JSON array opens with `[{` or `[]`.
  return /^\s*(\[\s*[{\]]|\{)/.test(text.replace(/^\uFEFF/, '')) ? 'json' : 'gift'
}
