import { describe, expect, it } from 'vitest'
import { readDetails, setStatus, slugify } from '../../src/studio/set-details'
import { checkSettings, settingsFormOf } from '../../src/studio/set-settings-form'

describe('set details form', () => {
  it('makes a slug from the title when none is typed, for the caller to check is free', () => {
    expect(slugify('Kazakh oil: the 2022 routes')).toBe('kazakh-oil-the-2022-routes')
    const { details, errors, claim } = readDetails({ title: ['Émigré routes'], slug: [''] }, null)
    expect(errors).toEqual({})
    expect(claim).toBe('emigre-routes')
    expect(details.slug).toBe('')
  })

  it('keeps the slug of a published set and asks for no check', () => {
    const current = { slug: 'oil', publishedVersion: 1 }
    const { details, claim } = readDetails({ title: ['Oil'], slug: ['gas'] }, current)
    expect(details.slug).toBe('oil')
    expect(claim).toBeNull()
  })

  it('names each problem by its field', () => {
    const { errors, claim } = readDetails({ title: [''], slug: ['Not Kebab'] }, null)
    expect(errors.title).toBe('Give the set a title.')
    expect(errors.slug).toContain('kebab-case')
    expect(claim).toBeNull()
  })

  it('shows a set as draft, published or archived', () => {
    expect(setStatus({ publishedVersion: null, archivedAt: null })).toBe('draft')
    expect(setStatus({ publishedVersion: 2, archivedAt: null })).toBe('published v2')
    expect(setStatus({ publishedVersion: 2, archivedAt: new Date(0) })).toBe('archived')
  })
})

describe('set settings form', () => {
  const set = { settings: {}, visibility: 'private' as const, embedPolicy: { anywhere: false, origins: [] } }

  it('decodes what it encodes', () => {
    const typed = settingsFormOf(set)
    const form = Object.fromEntries(
      Object.entries(typed).map(([name, value]) => [
        name,
        typeof value === 'boolean' ? (value ? ['on'] : []) : [value],
      ]),
    )
    const { value, errors } = checkSettings(form)
    expect(errors).toEqual({})
    expect(value?.settings.passMark).toBe(60)
    expect(value?.visibility).toBe('private')
  })

  it('refuses out-of-range numbers and bad origins, keeping what was typed', () => {
    const { typed, errors, value } = checkSettings({
      passMark: ['140'],
      visibility: ['public'],
      embedOrigins: ['https://lms.example\nnot an origin'],
    })
    expect(value).toBeNull()
    expect(typed.passMark).toBe('140')
    expect(errors.passMark).toBe('A whole number from 0 to 100.')
    expect(errors.embedOrigins).toBeDefined()
  })
})
