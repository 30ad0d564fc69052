/**
 * `npm run sources:draft -- FILE...`: drafts questions from text or Markdown
 * files with the studio's generator (src/sources/drafts.ts) and prints them as
 * a JSON array in the `questions:export` shape. Each file is one source named
 * after its base name; the other files give distractors and false variants.
 */

import { readFileSync } from 'node:fs'
import { basename, extname } from 'node:path'
import { quoteOccursIn } from '../src/bank/quotes'
import { type DraftSource, draftQuestions } from '../src/sources/drafts'
import { passagesOf } from '../src/sources/passages'

/** A source from a file: Markdown headings and emphasis marks are dropped, a first `# Title` names it. */
export function sourceFromFile(path: string, text: string): DraftSource {
  const name = basename(path, extname(path))
  const markdown = /\.(?:md|markdown)$/i.test(path)
  const title = (markdown && /^#\s+(.+)$/m.exec(text)?.[1]?.trim()) || name
  const plain = markdown
    ? text
        .replace(/^#{1,6}\s+.*$/gm, '')
        .replace(/^\s*(?:[-*+]|\d+\.)\s+/gm, '')
        .replace(/(\*\*|__|\*|_|`)(\S(?:.*?\S)?)\1/g, '$2')
        .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    : text
  return { name, title, passages: passagesOf(plain) }
}

function main(paths: string[]): number {
  if (paths.length === 0) {
    console.error('usage: npm run sources:draft -- FILE... (.txt or .md)')
    return 2
  }
  const sources: { source: DraftSource; text: string }[] = []
  for (const path of paths) {
    if (!/\.(?:txt|md|markdown)$/i.test(path)) {
      console.error(`${path}: only .txt and .md files can be drafted from`)
      return 2
    }
    try {
      const text = readFileSync(path, 'utf8')
      sources.push({ source: sourceFromFile(path, text), text })
    } catch (error) {
      console.error(`${path}: ${error instanceof Error ? error.message : 'unreadable'}`)
      return 1
    }
  }
  const drafts = sources.flatMap(({ source, text }) =>
    draftQuestions(
      source,
      sources.filter((other) => other.source !== source).map((other) => other.source),
    )
      // A quote across Markdown emphasis ("**Renn** said") is not verbatim in the file: leave it out.
      .filter((draft) => quoteOccursIn(draft.evidence.quote, text)),
  )
  process.stdout.write(`${JSON.stringify(drafts, null, 2)}\n`)
  return 0
}

if (process.argv[1] && basename(process.argv[1]).startsWith('sources-draft'))
  process.exitCode = main(process.argv.slice(2))
