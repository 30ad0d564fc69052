/**
 * The work of `npm run sources:draft` without the file system, so the unit
 * tests can run it: text and Markdown files become sources named after their
 * base names, and each is drafted with the others as companions.
 */

import { quoteOccursIn } from '../src/bank/quotes'
import { type Draft, type DraftSource, draftQuestions } from '../src/sources/drafts'
import { passagesOf } from '../src/sources/passages'

export type SourceFile = { path: string; text: string }

/** The file types the generator reads. */
export function isDraftable(path: string): boolean {
  return /\.(?:txt|md|markdown)$/i.test(path)
}

/** "notes/council-notes.md" -> "council-notes". */
export function baseNameOf(path: string): string {
  const file = path.split(/[\\/]/).pop() ?? path
  const dot = file.lastIndexOf('.')
  return dot > 0 ? file.slice(0, dot) : file
}

/** A source from a file: Markdown headings and emphasis marks are dropped, a first `# Title` names it. */
export function sourceFromFile({ path, text }: SourceFile): DraftSource {
  const name = baseNameOf(path)
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

/** Drafts of every file, each with the other files as companions; every quote occurs in its file. */
export function draftFiles(files: SourceFile[]): Draft[] {
  const sources = files.map((file) => ({ file, source: sourceFromFile(file) }))
  return sources.flatMap(({ file, source }) =>
    draftQuestions(
      source,
      sources.filter((other) => other.source !== source).map((other) => other.source),
    )
      // A quote across Markdown emphasis ("**Renn** said") is not verbatim in the file: leave it out.
      .filter((draft) => draft.evidence.every((cited) => quoteOccursIn(cited.quote, file.text))),
  )
}
