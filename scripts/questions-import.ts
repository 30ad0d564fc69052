/**
 * `npm run questions:import -- --dry-run FILE`: reads a GIFT or Cited JSON
 * file (by extension, else by content) as the studio's import does and prints
 * the questions as a JSON array in the `questions:export` shape (with `title`
 * where the file gives one), exit 0; or prints `FILE:LINE: message` for every
 * error, exit 1. It saves nothing: importing into a set happens in the studio,
 * which also checks that each cited source is one the instructor may cite.
 */

import { readFileSync } from 'node:fs'
import { basename, extname } from 'node:path'
import { exportQuestion } from '../src/bank/export'
import { detectFormat } from '../src/bank/import-format'
import { entryLines, parseCitedJson } from '../src/bank/import-json'
import { parseGift } from '../src/gift/gift-parse'
import type { Source } from '../src/quiz/source'
import { loadBank } from './load-bank'

const USAGE = 'usage: npm run questions:import -- --dry-run FILE   (a .gift, .txt or .json file)'

const args = process.argv.slice(2)
const dryRun = args.includes('--dry-run')
const files = args.filter((arg) => !arg.startsWith('--'))
const [file] = files
if (!dryRun || files.length !== 1 || !file) {
  console.error(dryRun ? USAGE : `Only --dry-run is supported: import into a set in the studio.\n${USAGE}`)
  process.exit(2)
}

let text: string
try {
  text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file))
} catch (error) {
  const reason = error instanceof TypeError ? 'not UTF-8 text' : (error as Error).message
  console.error(`${file}:1: cannot read the file (${reason})`)
  process.exit(1)
}

const format = detectFormat(undefined, file, text)
// Ids that stay the same from run to run (the studio gives saved questions fresh random ones).
let counter = 0
const newId = () => `imported-${++counter}`
const items = format === 'gift' ? parseGift(text, { newId }) : parseCitedJson(text)
const jsonLines = format === 'json' ? entryLines(text) : []

/** `line 12: …` (GIFT) or `item 3: …` (JSON) as `FILE:LINE: …`. */
function located(error: string): string {
  const gift = /^line (\d+): (.*)$/s.exec(error)
  if (gift) return `${file}:${gift[1]}: ${gift[2]}`
  const json = /^item (\d+): /.exec(error)
  const line = json ? (jsonLines[Number(json[1]) - 1] ?? 1) : 1
  return `${file}:${line}: ${error}`
}

const errors = items.length
  ? items.flatMap((item) => item.errors.map(located))
  : [`${file}:1: the file holds no questions`]
if (errors.length) {
  for (const error of errors) console.error(error)
  process.exit(1)
}

// Titles and outlets of the bank's sources, where a question cites one.
let sources: Source[] = []
try {
  sources = loadBank().bank.sources
} catch {
  // Without questions/ (a copy of the script elsewhere) the titles stay null.
}
const set = basename(file, extname(file))
const exported = items.flatMap((item) =>
  item.question
    ? [{ ...(item.title ? { title: item.title } : {}), ...exportQuestion(set, item.question, sources) }]
    : [],
)
process.stdout.write(`${JSON.stringify(exported, null, 2)}\n`)
