import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type Bank, type BankCheck, checkBank } from '../src/bank/bank'
import { matchSeedTexts } from '../src/sources/seed-texts'

export const questionsDir = join(import.meta.dirname, '..', 'questions')

/**
 * Reads questions/ from disk and validates it. With `seedsDir`, evidence
 * quotes are checked against the source texts found there.
 */
export function loadBank(seedsDir?: string): BankCheck {
  const read = (path: string) => ({
    path: `questions/${path}`,
    text: readFileSync(join(questionsDir, path), 'utf8'),
  })
  const setFiles = readdirSync(join(questionsDir, 'sets'))
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => read(`sets/${name}`))
  const sourceTexts = seedsDir
    ? new Map(readdirSync(seedsDir).map((name) => [name, readFileSync(join(seedsDir, name), 'utf8')]))
    : undefined
  return checkBank(read('sources.yaml'), setFiles, sourceTexts)
}

/**
 * The seed texts folder: $CITED_SEEDS, else ../shared/seeds beside the
 * project; null when it does not exist (the bank then has no texts).
 */
export function seedsDirectory(): string | null {
  const dir = process.env.CITED_SEEDS ?? join(import.meta.dirname, '..', '..', 'shared', 'seeds')
  return existsSync(dir) ? dir : null
}

/**
 * The bank sources' texts from the seed folder, keyed by source id: each file
 * is matched to the source whose quotes it holds (src/sources/seed-texts.ts).
 * Empty when there is no seed folder. The texts never enter the repository.
 */
export function loadSeedTexts(bank: Bank, dir = seedsDirectory()): Record<string, string> {
  if (!dir) return {}
  const files = readdirSync(dir)
    .filter((name) => /\.(txt|md)$/i.test(name))
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }))
  const citations = bank.sets.flatMap((set) => set.questions.flatMap((question) => question.evidence))
  return Object.fromEntries([...matchSeedTexts(citations, files)].map(([id, file]) => [id, file.text]))
}
