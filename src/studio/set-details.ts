import * as z from 'zod'
import type { Submitted } from '../components/question-fields'
import { field } from './form-fields'

/** The details form's fields as typed, so a refused form comes back as it was. */
export type DetailsForm = { title: string; description: string; slug: string }
export type DetailsErrors = Partial<Record<keyof DetailsForm, string>>

/** Words the studio's own URLs use (/studio/sets/new). */
const RESERVED_SLUGS = ['new']

/** Slugs are kebab-case, like the bank's; they become the learner's URL /quiz/:slug. */
export const slugSchema = z
  .string()
  .trim()
  .min(3, 'Use at least 3 characters.')
  .max(60, 'Use at most 60 characters.')
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Use lower-case letters, digits and single hyphens (kebab-case).')
  .refine((slug) => !RESERVED_SLUGS.includes(slug), 'This address is reserved. Choose another.')

/**
 * A URL slug from a title: accents dropped, lower-case, hyphens between words.
 * @example slugify('Kazakh oil: the 2022 routes') // "kazakh-oil-the-2022-routes"
 */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '')
}

/**
 * A set's status as the dashboard shows it.
 * @example setStatus({ publishedVersion: 2, archivedAt: null }) // "published v2"
 */
export function setStatus(set: { publishedVersion: number | null; archivedAt: Date | null }): string {
  if (set.archivedAt) return 'archived'
  return set.publishedVersion === null ? 'draft' : `published v${set.publishedVersion}`
}

/**
 * Reads and checks title, description and slug; `current` is the set being
 * edited (null: creating). A published set keeps its slug. `claim` is a new,
 * valid slug that the caller still has to check is free (that needs the
 * database); until then `details.slug` is the slug as typed.
 */
export function readDetails(
  form: Submitted,
  current: { slug: string; publishedVersion: number | null } | null,
): { details: DetailsForm; errors: DetailsErrors; claim: string | null } {
  const title = field(form, 'title')
  const description = field(form, 'description')
  const typedSlug = field(form, 'slug')
  const details = { title, description, slug: typedSlug }
  const errors: DetailsErrors = {}
  let claim: string | null = null
  if (!title) errors.title = 'Give the set a title.'
  else if (title.length > 120) errors.title = 'Use at most 120 characters.'
  if (description.length > 1000) errors.description = 'Use at most 1,000 characters.'
  if (current?.publishedVersion != null) details.slug = current.slug
  else {
    const slug = typedSlug || (current ? '' : slugify(title))
    const parsed = slugSchema.safeParse(slug)
    if (!parsed.success)
      errors.slug = typedSlug
        ? (parsed.error.issues[0]?.message ?? 'Not a valid address.')
        : 'Give the set an address.'
    else if (parsed.data !== current?.slug) claim = parsed.data
    else details.slug = parsed.data
  }
  return { details, errors, claim }
}
