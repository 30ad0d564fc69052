import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import type { ExportedQuestion } from '../../../src/bank/export'
import { exportQuestion } from '../../../src/bank/export'
import { single, trueFalse } from '../fixtures'

const run = promisify(execFile)
const root = join(import.meta.dirname, '..', '..', '..')
const dir = mkdtempSync(join(tmpdir(), 'cited-import-'))

/** Runs `npm run questions:import -- ARGS` (through tsx directly, as npm would). */
async function importScript(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      join(root, 'node_modules', '.bin', 'tsx'),
      [join(root, 'scripts', 'questions-import.ts'), ...args],
      { cwd: root },
    )
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

function file(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

const EVIDENCE = '// cited-evidence: diplomatic-courier-mikovic | The pipeline carries over 80% of exports'

describe('npm run questions:import -- --dry-run FILE', { timeout: 30_000 }, () => {
  it('prints a GIFT file as the export shape, with titles and per-choice feedback, and exits 0', async () => {
    const path = file(
      'week1.gift',
      `${EVIDENCE}\n// [tag:geo]\n::Capital of France::Capital? {=Paris#Yes. ~Lyon#No. ~Nice ####Why.}\n\n${EVIDENCE}\n::born::Born? {#1822:5 ~#Completely wrong}\n`,
    )
    const { code, stdout } = await importScript('--dry-run', path)
    expect(code).toBe(0)
    const printed = JSON.parse(stdout) as (ExportedQuestion & { title?: string })[]
    expect(printed).toHaveLength(2)
    expect(printed[0]).toMatchObject({
      title: 'Capital of France',
      id: 'imported-1',
      set: 'week1',
      type: 'single',
      correct: ['Paris'],
      tags: ['geo'],
      feedback: { Paris: 'Yes.', Lyon: 'No.' },
      evidence: [{ source: 'diplomatic-courier-mikovic', outlet: 'Diplomatic Courier' }],
    })
    expect(printed[1]).toMatchObject({ title: 'born', id: 'born', type: 'numeric', correct: ['1822'] })
    expect(printed[1]).not.toHaveProperty('feedback')
  })

  it('reads Cited JSON by extension or by content', async () => {
    const exported = [exportQuestion('s', single, []), exportQuestion('s', trueFalse, [])]
    const text = JSON.stringify(exported, null, 2)
    for (const name of ['set.json', 'set-without-extension']) {
      const { code, stdout } = await importScript('--dry-run', file(name, text))
      expect(code).toBe(0)
      expect((JSON.parse(stdout) as ExportedQuestion[]).map((entry) => entry.question)).toEqual([
        single,
        trueFalse,
      ])
    }
  })

  it('prints FILE:LINE: message for each error and exits non-zero', async () => {
    const gift = file('bad.gift', `${EVIDENCE}\nGood {T ####x}\n\n${EVIDENCE}\nBad {=colo*r ####x}\n`)
    const result = await importScript('--dry-run', gift)
    expect(result.code).not.toBe(0)
    expect(result.stdout).toBe('')
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^${gift}:5: short answer "colo\\*r" uses Moodle's \\* wildcard`)),
    ])
    const json = file(
      'bad.json',
      `[\n  ${JSON.stringify({ question: single })},\n  {\n    "question": {}\n  }\n]\n`,
    )
    const fromJson = await importScript('--dry-run', json)
    expect(fromJson.code).not.toBe(0)
    expect(fromJson.stderr).toMatch(new RegExp(`^${json}:3: item 2: `, 'm'))
  })

  it('refuses to run without --dry-run (it never saves)', async () => {
    const result = await importScript(file('x.gift', `${EVIDENCE}\nQ {T ####x}`))
    expect(result.code).not.toBe(0)
    expect(result.stderr).toMatch(/Only --dry-run is supported/)
  })
})
