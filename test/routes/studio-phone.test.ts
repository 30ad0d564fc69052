import { describe, expect, it } from 'vitest'
import { allQuestions, Browser, expectPage, visibleText } from '../support/helpers'
import { addFromBank, instructor, newSet } from '../support/studio-sets-helpers'

/** The studio's own navigation, its errors kept in the studio, and tables that can reflow into cards. */

const studioNav = (html: string) => /<nav aria-label="Studio">([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? ''

describe('the studio on a phone', () => {
  it('has its own navigation on every studio page: sets, sources, results, LTI, sign out', async () => {
    const teacher = await instructor('nav')
    const slug = await newSet(teacher, 'Nav set')
    for (const path of ['/studio', '/studio/lti', `/studio/sets/${slug}`, `/studio/sets/${slug}/settings`]) {
      const html = await expectPage(await teacher.get(path), 200)
      const nav = studioNav(html)
      expect(nav, path).toContain('href="/studio">Sets</a>')
      expect(nav, path).toContain('>Sources</a>')
      expect(nav, path).toContain('>Results</a>')
      expect(nav, path).toContain('href="/studio/lti">LTI</a>')
      expect(nav, path).toMatch(/<form method="post" action="\/studio\/signout">[\s\S]*Sign out/)
      // Not the learner's navigation.
      expect(html).not.toContain('<nav aria-label="Main">')
    }
    // On a set's pages "Results" is that set's results.
    expect(studioNav(await (await teacher.get(`/studio/sets/${slug}`)).text())).toContain(
      `href="/studio/sets/${slug}/results">Results</a>`,
    )
    // Signing out from the navigation works (a same-origin form post).
    const out = await teacher.postForm('/studio/signout', {})
    expect(out.status).toBe(303)
  })

  it('keeps a refused publish of an empty set on the set page, error first and focused', async () => {
    const teacher = await instructor('empty')
    const slug = await newSet(teacher, 'Empty set')
    const html = await expectPage(await teacher.postForm(`/studio/sets/${slug}/publish`, {}), 400)
    expect(visibleText(html)).toContain('Add at least one question before publishing.')
    expect(html).toMatch(/<p class="form-error" role="alert" tabindex="-1" autofocus/)
    expect(html).toContain('<h1>Empty set</h1>')
    expect(studioNav(html)).toContain(`/studio/sets/${slug}/results`)
    expect(html).not.toContain('Back to all quizzes')
  })

  it('shows other studio errors in the studio layout with a way back to the set, not the learner home', async () => {
    const teacher = await instructor('errors')
    const slug = await newSet(teacher, 'Error set')
    // A question id that is not in this set: a 404 under the set.
    const html = await expectPage(await teacher.get(`/studio/sets/${slug}/questions/nope/edit`), 404)
    expect(studioNav(html)).not.toBe('')
    expect(html).toContain(`<a class="button" href="/studio/sets/${slug}">Back to the set</a>`)
    const missing = await expectPage(await teacher.get('/studio/sets/no-such-set'), 404)
    expect(studioNav(missing)).not.toBe('')
    expect(missing).toContain('Back to the set')
    // Learner pages keep the learner's way back.
    const learner = await expectPage(await new Browser().get('/quiz/no-such-quiz'), 404)
    expect(learner).toContain('Back to all quizzes')
    expect(studioNav(learner)).toBe('')
  })

  it('labels every value of the results and sets tables, so they reflow into cards on a phone', async () => {
    const teacher = await instructor('cards')
    const slug = await newSet(teacher, 'Card set')
    await addFromBank(teacher, slug, allQuestions[0]?.id ?? '')
    const dashboard = await expectPage(await teacher.get('/studio'), 200)
    expect(dashboard).toContain('class="studio-table card-table"')
    expect(dashboard).toContain('data-label="Status"')
    expect(dashboard).toContain(`href="/studio/sets/${slug}/results"`)
    const results = await expectPage(await teacher.get(`/studio/sets/${slug}/results`), 200)
    expect(results).toContain('class="results-table card-table"')
    for (const label of ['Answers', 'Facility', 'Discrimination', 'Most chosen wrong answer'])
      expect(results).toContain(`data-label="${label}"`)
  })
})
