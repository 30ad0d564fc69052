/**
 * GIFT's escaping rules, shared by the parser and the serialiser. In GIFT the
 * characters `~ = # { } :` are syntax; a text that means them literally writes
 * them after a backslash (and a backslash itself as `\\`). `\n` is a newline.
 */

const SPECIAL = new Set(['~', '=', '#', '{', '}', ':', '\\'])

/**
 * Writes a text for a GIFT file: syntax characters escaped, newlines as `\n`.
 * @example escapeGift('a = b') // 'a \\= b'
 */
export function escapeGift(text: string): string {
  let out = ''
  for (const char of text) {
    if (char === '\n') out += '\\n'
    else if (char === '\r') continue
    else out += SPECIAL.has(char) ? `\\${char}` : char
  }
  return out
}

/**
 * Reads a text written in GIFT: escapes resolved, surrounding space trimmed.
 * An unknown escape (`\x`) keeps its backslash, as Moodle does.
 */
export function unescapeGift(raw: string): string {
  let out = ''
  for (let index = 0; index < raw.length; index++) {
    const char = raw[index]
    const next = raw[index + 1]
    if (char === '\\' && next !== undefined) {
      if (next === 'n') out += '\n'
      else if (SPECIAL.has(next)) out += next
      else out += `\\${next}`
      index++
    } else out += char
  }
  return out.trim()
}

/**
 * The index of the first unescaped occurrence of `needle` in `raw` at or
 * after `from`, or -1. Characters after a backslash never match.
 */
export function findUnescaped(raw: string, needle: string, from = 0): number {
  for (let index = from; index < raw.length; index++) {
    if (raw[index] === '\\') {
      index++
      continue
    }
    if (raw.startsWith(needle, index)) return index
  }
  return -1
}

/** Splits `raw` at every unescaped `needle` (escapes are left in the pieces). */
export function splitUnescaped(raw: string, needle: string): string[] {
  const pieces: string[] = []
  let start = 0
  let at = findUnescaped(raw, needle)
  while (at !== -1) {
    pieces.push(raw.slice(start, at))
    start = at + needle.length
    at = findUnescaped(raw, needle, start)
  }
  pieces.push(raw.slice(start))
  return pieces
}
