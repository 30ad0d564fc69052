import { isMap, isNode, LineCounter, parseDocument } from 'yaml'
import type * as z from 'zod'

/** A problem in a bank file, located for a human: `questions/sets/x.yaml:12: message`. */
export type BankError = { file: string; line: number; message: string }

export function formatBankError(error: BankError): string {
  return `${error.file}:${error.line}: ${error.message}`
}

export type Parsed<T> = {
  value: T | null
  errors: BankError[]
  lineOf: (path: readonly PropertyKey[]) => number
}

/**
 * Parses YAML text and validates it with `schema`, mapping every YAML syntax
 * error and schema issue to the line of the offending node.
 */
export function parseYamlWith<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
): Parsed<z.output<S>> {
  const lineCounter = new LineCounter()
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false })
  /**
   * The path as the file spells it: a list index the schema added is dropped
   * where the file holds a single object (evidence written as one passage is
   * read as a list of one).
   */
  const asWritten = (path: readonly PropertyKey[]): PropertyKey[] => {
    const kept: PropertyKey[] = []
    for (const key of path) {
      if (typeof key === 'number' && kept.length > 0 && isMap(document.getIn(kept as unknown[], true)))
        continue
      kept.push(key)
    }
    return kept
  }
  const lineOf = (schemaPath: readonly PropertyKey[]): number => {
    const path = asWritten(schemaPath)
    // Walk up the path until a node exists (a missing field is reported on its parent).
    for (let depth = path.length; depth >= 0; depth--) {
      const node = document.getIn(path.slice(0, depth) as unknown[], true)
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line
    }
    return 1
  }
  if (document.errors.length) {
    const errors = document.errors.map((error) => ({
      file,
      line: error.linePos?.[0].line ?? lineCounter.linePos(error.pos[0]).line,
      message: error.message.split('\n')[0] ?? error.code,
    }))
    return { value: null, errors, lineOf }
  }
  const result = schema.safeParse(document.toJS())
  if (result.success) return { value: result.data, errors: [], lineOf }
  const errors = result.error.issues.map((issue) => ({
    file,
    line: lineOf(issue.path),
    message: `${issue.path.length ? `${asWritten(issue.path).join('.')}: ` : ''}${describeIssue(issue)}`,
  }))
  return { value: null, errors, lineOf }
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys')
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`
  return issue.message
}
