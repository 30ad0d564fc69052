/**
 * `npm run questions:check [-- --sources ../shared/seeds]`: validates the bank
 * and prints every problem as file:line: message. Exits 1 on any error.
 */
import { parseArgs } from 'node:util'
import { formatBankError } from '../src/bank/yaml-file'
import { questionTypes } from '../src/quiz/question'
import { loadBank } from './load-bank'

const { values } = parseArgs({ options: { sources: { type: 'string' } } })
const { bank, errors } = loadBank(values.sources)

if (errors.length) {
  for (const error of errors) console.error(formatBankError(error))
  console.error(`\n${errors.length} problem${errors.length === 1 ? '' : 's'} in the question bank.`)
  process.exit(1)
}

const questions = bank.sets.flatMap((set) => set.questions)
const missingTypes = questionTypes.filter((type) => !questions.some((question) => question.type === type))
const perSource = bank.sources.map((source) => ({
  id: source.id,
  count: questions.filter((question) => question.evidence.some((cited) => cited.source === source.id)).length,
}))
console.log(
  `${questions.length} questions in ${bank.sets.length} sets from ${bank.sources.length} sources are valid` +
    (values.sources ? '; every evidence quote was found in its source.' : '.'),
)
for (const { id, count } of perSource) console.log(`  ${id}: ${count} questions`)
if (missingTypes.length) console.log(`  note: no questions yet of type ${missingTypes.join(', ')}`)
