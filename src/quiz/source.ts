import * as z from 'zod'

export const sourceKinds = ['article', 'blog post', 'podcast summary', 'aggregator'] as const

/** A document the bank is written from, as listed in questions/sources.yaml. */
export const sourceSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'id must be kebab-case'),
  title: z.string().trim().min(1),
  outlet: z.string().trim().min(1),
  author: z.string().trim().min(1),
  date: z.union([z.string(), z.date().transform((date) => date.toISOString().slice(0, 10))]),
  kind: z.enum(sourceKinds),
  reliability: z.string().trim().min(1),
  file: z.string().trim().min(1).optional(),
})

export type Source = z.infer<typeof sourceSchema>
/** What learners see of a source: everything but the local file name. */
export type SourceSummary = Omit<Source, 'file'>
