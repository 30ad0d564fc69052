import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type BankCheck, checkBank } from '../src/bank/bank'

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
