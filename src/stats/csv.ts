/**
 * CSV for the results exports (RFC 4180): every text cell quoted, quotes
 * doubled, CRLF between records. Text that a spreadsheet would run as a
 * formula is defused first.
 */

export type CsvValue = string | number | boolean | null | undefined

/**
 * A formula start (OWASP's list: = + - @ tab CR) at the start of the cell or
 * right after anything a spreadsheet may split a cell on: a comma, a semicolon
 * (the separator of Excel in many European locales, which then ignores our
 * quotes), a tab or a line break. Spaces in between do not help: some
 * spreadsheets trim them.
 */
const FORMULA_START = /(^|[,;\t\r\n])( *)(?=[=+\-@\t\r])/g

/**
 * Puts a ' before every formula start, so `=HYPERLINK("http://evil","x")` and
 * `Jo;=1+1` arrive as text whichever separator the spreadsheet splits on.
 * Numbers we write ourselves (negative ones included) are left alone by `csvCell`.
 * @example defuseFormula('=1+1') // "'=1+1"
 * @example defuseFormula('Jo;=1+1') // "Jo;'=1+1"
 */
export function defuseFormula(text: string): string {
  return text.replace(FORMULA_START, "$1$2'")
}

/**
 * One field: null/undefined as empty, numbers and booleans as written, text
 * defused and always quoted (a quoted cell is text to every reader).
 * @example csvCell('say "hi", then go') // '"say ""hi"", then go"'
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  return `"${defuseFormula(value).replaceAll('"', '""')}"`
}

/** One record, terminated by CRLF. */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`
}
