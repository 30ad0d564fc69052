/**
 * `npm run sources:draft -- FILE...`: drafts questions from text or Markdown
 * files with the studio's generator (src/sources/drafts.ts) and prints them as
 * a JSON array in the `questions:export` shape. Each file is one source named
 * after its base name; the other files give distractors and false variants.
 */

import { readFileSync } from 'node:fs'
import { draftFiles, isDraftable, type SourceFile } from './draft-files'

function main(paths: string[]): number {
  if (paths.length === 0) {
    console.error('usage: npm run sources:draft -- FILE... (.txt or .md)')
    return 2
  }
  const files: SourceFile[] = []
  for (const path of paths) {
    if (!isDraftable(path)) {
      console.error(`${path}: only .txt and .md files can be drafted from`)
      return 2
    }
    try {
      files.push({ path, text: readFileSync(path, 'utf8') })
    } catch (error) {
      console.error(`${path}: ${error instanceof Error ? error.message : 'unreadable'}`)
      return 1
    }
  }
  process.stdout.write(`${JSON.stringify(draftFiles(files), null, 2)}\n`)
  return 0
}

process.exitCode = main(process.argv.slice(2))
