/**
 * `npm run db:seed [-- --persist-to DIR]`: validates the bank and upserts it
 * into the local D1 that `wrangler dev` uses (.wrangler/state by default),
 * through the same `seedBank` the tests use. Idempotent: running it twice
 * changes nothing.
 */
import { parseArgs } from 'node:util'
import { getPlatformProxy } from 'wrangler'
import { formatBankError } from '../src/bank/yaml-file'
import { createDb } from '../src/db/client'
import { countBank, seedBank, seedSourceTexts } from '../src/db/seed'
import { loadBank, loadSeedTexts } from './load-bank'

const { bank, errors } = loadBank()
if (errors.length) {
  for (const error of errors) console.error(formatBankError(error))
  console.error('The question bank has errors; nothing was seeded.')
  process.exit(1)
}
const { values } = parseArgs({ options: { 'persist-to': { type: 'string' } } })
// wrangler's --persist-to DIR keeps D1 under DIR/v3, which is what `persist.path` expects.
const persistTo = values['persist-to']
const proxy = await getPlatformProxy<Env>({ persist: persistTo ? { path: `${persistTo}/v3` } : true })
try {
  const db = createDb(proxy.env.DB)
  await seedBank(db, bank)
  const texts = await seedSourceTexts(db, loadSeedTexts(bank))
  const counts = await countBank(db)
  console.log(
    `Seeded ${counts.sets} quiz sets with ${counts.questions} questions and ${texts} source texts into the local D1.`,
  )
} finally {
  await proxy.dispose()
}
