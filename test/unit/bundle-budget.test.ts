import { describe, expect, it } from 'vitest'
import { bundleProblems, gzipBudgetBytes } from '../../scripts/bundle-budget'

const runtimeOnly = ['../../src/index.ts', '../../node_modules/hono/dist/hono.js']

describe('bundle check', () => {
  it('accepts a runtime-only bundle within the budget', () => {
    expect(bundleProblems({ rawBytes: 900_000, gzipBytes: gzipBudgetBytes, sources: runtimeOnly })).toEqual(
      [],
    )
  })

  it('refuses a bundle over the gzip budget, saying by how much', () => {
    const [problem] = bundleProblems({ rawBytes: 0, gzipBytes: gzipBudgetBytes + 1, sources: runtimeOnly })
    expect(problem).toMatch(/380\.0 KiB gzip, over the budget of 380\.0 KiB/)
  })

  it('names the yaml library and the bank loader when a runtime module drags them in', () => {
    const problems = bundleProblems({
      rawBytes: 0,
      gzipBytes: 0,
      sources: [...runtimeOnly, '../../node_modules/yaml/browser/dist/index.js', '../../src/bank/bank.ts'],
    })
    expect(problems).toHaveLength(2)
    expect(problems[0]).toContain(
      'the yaml library (build-time only), from node_modules/yaml/browser/dist/index.js',
    )
    expect(problems[1]).toContain('the bank loader (build-time only), from src/bank/bank.ts')
  })

  it("refuses zod's locales other than English, naming the import that drags them in", () => {
    const zod = '../../node_modules/zod/v4/locales'
    expect(bundleProblems({ rawBytes: 0, gzipBytes: 0, sources: [...runtimeOnly, `${zod}/en.js`] })).toEqual(
      [],
    )
    const [problem] = bundleProblems({
      rawBytes: 0,
      gzipBytes: 0,
      sources: [...runtimeOnly, `${zod}/index.js`, `${zod}/en.js`, `${zod}/fr.js`],
    })
    expect(problem).toContain("2 of zod's locales (zod/v4/locales/index.js, ...)")
    expect(problem).toContain("import * as z from 'zod'")
  })

  it('refuses a bundle without a source map, which it could not check', () => {
    expect(bundleProblems({ rawBytes: 0, gzipBytes: 0, sources: [] })).toHaveLength(1)
  })
})
