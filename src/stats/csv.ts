/**
 * CSV for the results exports (RFC 4180): fields quoted when they hold a
 * comma, quote, CR or LF; quotes doubled; CRLF between records. Cells that a
 * spreadsheet would run as a formula are defused first.
 */

export type CsvValue = string | number | boolean | null | undefined

/** Characters that make Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP's list). */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * Prefixes a ' to text a spreadsheet would treat as a formula, so
 * `=HYPERLINK("http://evil","x")` arrives as text. Numbers we write ourselves
 * (negative ones included) are left alone by `csvCell`.
 * @example defuseFormula('=1+1') // "'=1+1"
 */
export function defuseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

/**
 * One field: null/undefined as empty, numbers as written, text defused and quoted when needed.
 * @example csvCell('say "hi", then go') // '"say ""hi"", then go"'
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  const text = defuseFormula(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** One record, terminated by CRLF. */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`
}
