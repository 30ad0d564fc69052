import type { Submitted } from '../components/question-fields'
import { type SourceSummary, sourceKinds } from '../quiz/source'
import { field } from './form-fields'

/** The metadata fields of a source, as the studio's forms name them. */
export const SOURCE_FIELDS = ['title', 'outlet', 'author', 'date', 'kind', 'reliability'] as const
export type SourceFields = Partial<Record<(typeof SOURCE_FIELDS)[number], string>>

const LIMITS = { title: 200, outlet: 120, author: 120, date: 10, kind: 40, reliability: 500 }

/**
 * Reads and checks a source's metadata: every field required, within its
 * length, the date as YYYY-MM-DD, the kind one of `sourceKinds`. Errors are
 * keyed by field, the typed values kept for the form.
 */
export function decodeSourceFields(
  form: Submitted,
  id: string,
): { typed: SourceFields; source: SourceSummary | null; errors: SourceFields } {
  const typed: SourceFields = Object.fromEntries(SOURCE_FIELDS.map((name) => [name, field(form, name)]))
  const errors: SourceFields = {}
  for (const name of SOURCE_FIELDS) {
    const value = typed[name] ?? ''
    if (!value) errors[name] = 'This is required.'
    else if (value.length > LIMITS[name]) errors[name] = `Use at most ${LIMITS[name]} characters.`
  }
  if (typed.date && !/^\d{4}-\d{2}-\d{2}$/.test(typed.date)) errors.date = 'A date like 2022-03-14.'
  const kind = sourceKinds.find((candidate) => candidate === typed.kind)
  if (typed.kind && !kind) errors.kind = 'Choose one of the kinds.'
  if (Object.keys(errors).length > 0 || !kind) return { typed, source: null, errors }
  return {
    typed,
    errors,
    source: {
      id,
      title: typed.title ?? '',
      outlet: typed.outlet ?? '',
      author: typed.author ?? '',
      date: typed.date ?? '',
      kind,
      reliability: typed.reliability ?? '',
    },
  }
}
