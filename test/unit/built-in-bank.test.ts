import { describe, expect, inject, it } from 'vitest'
import { builtInSets, builtInSources } from '../../src/bank/built-in.generated'

const bank = inject('bank')

/** `npm run check` also compares the file's text (npm run build:bank -- --check). */
describe('the built-in bank (src/bank/built-in.generated.ts)', () => {
  it('is up to date with questions/: every set and question, in bank order (npm run build:bank rewrites it)', () => {
    expect(builtInSets).toEqual(bank.sets)
  })

  it('holds the sources without their local file names', () => {
    expect(builtInSources).toEqual(bank.sources.map(({ file: _file, ...source }) => source))
    for (const source of builtInSources) expect(Object.keys(source)).not.toContain('file')
  })
})
