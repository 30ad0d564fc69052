import * as z from 'zod'
import { questionSchema } from '../quiz/question'
import { describeIssues, type ImportItem } from './import-item'

/**
 * One entry of the `questions:export` format (see export.ts). Only `question`
 * is read: it holds the whole authored question; the flattened fields beside
 * it (choices, correct, evidence title...) are for people and other tools.
 */
const exportedEntrySchema = z.looseObject({ question: z.unknown() })

/**
 * Reads Cited's JSON (an array, as `npm run questions:export` and the studio's
 * export.json write it) into questions validated against the schema. Errors
 * name the item, counting from 1. An entry may also be a bare question.
 * @example parseCitedJson('[{"id":"x","question":{...}}]')
 */
export function parseCitedJson(text: string): ImportItem[] {
  let data: unknown
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unreadable'
    return [{ where: 'file', title: null, question: null, errors: [`This is not valid JSON (${reason}).`] }]
  }
  if (!Array.isArray(data))
    return [
      {
        where: 'file',
        title: null,
        question: null,
        errors: ['Cited JSON is an array of questions, as the JSON export writes it.'],
      },
    ]
  return data.map((entry: unknown, index): ImportItem => {
    const where = `item ${index + 1}`
    const wrapped = exportedEntrySchema.safeParse(entry)
    const body = wrapped.success ? wrapped.data.question : entry
    const titleOf = (value: unknown) =>
      value && typeof value === 'object' && 'id' in value && typeof value.id === 'string' ? value.id : null
    const title = titleOf(body) ?? titleOf(entry)
    const parsed = questionSchema.safeParse(body)
    if (parsed.success) return { where, title, question: parsed.data, errors: [] }
    return {
      where,
      title,
      question: null,
      errors: describeIssues(parsed.error.issues).map((message) => `${where}: ${message}`),
    }
  })
}

/**
 * The line (from 1) on which each entry of a JSON array starts, for messages
 * that point into the file (`FILE:LINE: …`). Strings are skipped, so brackets
 * inside texts do not count; a text that is not an array gives [].
 * @example entryLines('[\n  {"a": 1},\n  {"b": 2}\n]') // [2, 3]
 */
export function entryLines(text: string): number[] {
  const lines: number[] = []
  let line = 1
  let depth = 0
  let inString = false
  let expectEntry = false
  for (let index = 0; index < text.length; index++) {
    const char = text[index]
    if (char === '\n') line++
    if (inString) {
      if (char === '\\') index++
      else if (char === '"') inString = false
      continue
    }
    if (char === undefined || /\s|\uFEFF/.test(char)) continue
    if (depth === 1 && expectEntry && char !== ']') {
      lines.push(line)
      expectEntry = false
    }
    if (char === '"') inString = true
    else if (char === '[' || char === '{') {
      depth++
      if (depth === 1) expectEntry = char === '['
    } else if (char === ']' || char === '}') depth--
    else if (char === ',' && depth === 1) expectEntry = true
  }
  return lines
}
