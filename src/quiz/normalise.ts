/**
 * Lenient readings of what people type, used when grading short text and
 * numeric answers.
 */

/**
 * Folds case, accents, punctuation and spacing so that "  Novorossiysk! " and
 * "novorossiysk" compare equal.
 */
export function normaliseText(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/**
 * Reads a number as people write it: "80", "80 %", "4,253" (thousands),
 * "7,3" (decimal comma), "−2", "1 700". Returns null when it is not a number.
 * @example parseLooseNumber('4,253 miles') // 4253 when unit is 'miles'
 */
export function parseLooseNumber(input: string, unit?: string | null): number | null {
  let value = input.trim().replace(/\u2212/g, '-')
  if (unit && value.toLowerCase().endsWith(unit.toLowerCase())) value = value.slice(0, -unit.length)
  value = value.replace(/%$/, '').replace(/[\s\u00a0\u202f']/g, '')
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(value)) value = value.replace(/,/g, '')
  else if (/^-?\d+,\d+$/.test(value)) value = value.replace(',', '.')
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(value)) return null
  // A long enough run of digits reads as Infinity, which no answer accepts.
  const number = Number(value)
  return Number.isFinite(number) ? number : null
}
