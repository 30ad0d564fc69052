import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { sourceFromFile } from '../../scripts/sources-draft'
import { quoteOccursIn } from '../../src/bank/quotes'
import { countWords } from '../../src/quiz/question'

// Invented texts only.
const FERRIES = `On March 3, the Velmora Port Authority closed the northern harbour for 12 days.
The ferries now sail to Dunmore, Caldris, and Penhallow every morning.
On April 9, the town council approved a second ferry terminal.
On May 21, the first ferry left the new terminal in Kelvenport.
Mayor Ilse Varkonyi opened the ferry terminal after a long delay.`

const COUNCIL = `# Council notes

Councillor **Tobias Renn** visited Arlenwick and Sorrel last spring.

- Councillor Nadia Brook spoke in Westmarch about the ferries.
- About 25% of the boats were repaired and 300 sailors came home.`

function draftCli(...files: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/sources-draft.ts', ...files], {
    encoding: 'utf8',
  })
}

describe('npm run sources:draft', () => {
  const folder = mkdtempSync(join(tmpdir(), 'cited-drafts-'))
  const ferries = join(folder, 'ferry-news.txt')
  const council = join(folder, 'council-notes.md')
  writeFileSync(ferries, FERRIES)
  writeFileSync(council, COUNCIL)

  it('prints the drafts of every file as one JSON array in the export shape, each citing its file by base name', () => {
    const run = draftCli(ferries, council)
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const drafts: { evidence: { source: string; quote: string }; set: string; question: { id: string } }[] =
      JSON.parse(run.stdout)
    expect(drafts.length).toBeGreaterThanOrEqual(6)
    const texts: Record<string, string> = { 'ferry-news': FERRIES, 'council-notes': COUNCIL }
    for (const draft of drafts) {
      const text = texts[draft.evidence.source]
      expect(text, draft.evidence.source).toBeDefined()
      expect(quoteOccursIn(draft.evidence.quote, text ?? '')).toBe(true)
      expect(countWords(draft.evidence.quote)).toBeLessThanOrEqual(25)
      expect(draft.question.id).toMatch(/^(?:ferry-news|council-notes)-/)
    }
    expect(new Set(drafts.map((draft) => draft.evidence.source))).toEqual(
      new Set(['ferry-news', 'council-notes']),
    )
  })

  it('refuses other file types and says how to call it', () => {
    const html = join(folder, 'page.html')
    writeFileSync(html, '<p>Hello</p>')
    const refused = draftCli(html)
    expect(refused.status).toBe(2)
    expect(refused.stderr).toContain('page.html: only .txt and .md files')
    expect(draftCli().stderr).toContain('usage: npm run sources:draft -- FILE...')
  })
})

describe('sourceFromFile', () => {
  it('names a Markdown source after its first heading and drops the Markdown marks', () => {
    const source = sourceFromFile('/notes/council-notes.md', COUNCIL)
    expect(source.name).toBe('council-notes')
    expect(source.title).toBe('Council notes')
    expect(source.passages.map((passage) => passage.text)).toEqual([
      'Councillor Tobias Renn visited Arlenwick and Sorrel last spring.',
      'Councillor Nadia Brook spoke in Westmarch about the ferries.',
      'About 25% of the boats were repaired and 300 sailors came home.',
    ])
  })

  it('names a text source after its file', () => {
    expect(sourceFromFile('ferry-news.txt', FERRIES)).toMatchObject({
      name: 'ferry-news',
      title: 'ferry-news',
    })
  })
})
