/**
 * `npm run questions:export`: prints the whole bank, answers included, as a
 * JSON array on stdout (the format the studio's import will also read).
 */

import { exportQuestion } from '../src/bank/export'
import { formatBankError } from '../src/bank/yaml-file'
import { loadBank } from './load-bank'

const { bank, errors } = loadBank()
if (errors.length) {
  for (const error of errors) console.error(formatBankError(error))
  process.exit(1)
}
const exported = bank.sets.flatMap((set) =>
  set.questions.map((question) => exportQuestion(set.slug, question, bank.sources)),
)
process.stdout.write(`${JSON.stringify(exported, null, 2)}\n`)
