import { BANK_PAGE_SIZE, type BankFilter, type BankHit } from '../../db/question-search'
import type { QuizSetRow } from '../../db/schema'
import { questionTypes } from '../../quiz/question'
import type { SourceSummary } from '../../quiz/source'
import { Layout } from '../layout'
import { ActionButton, Notice } from './fields'
import { typeLabels } from './labels'

type Props = {
  set: QuizSetRow
  filter: BankFilter
  hits: BankHit[]
  total: number
  inDraft: Set<string>
  sources: SourceSummary[]
  tags: string[]
  notice?: string
}

/** The bank picker: GET filters (work without JavaScript), a page of results, one "Add" form each. */
export function BankPage({ set, filter, hits, total, inDraft, sources, tags, notice }: Props) {
  const base = `/studio/sets/${set.slug}`
  const pages = Math.max(1, Math.ceil(total / BANK_PAGE_SIZE))
  const sourceTitle = new Map(sources.map((source) => [source.id, source.title]))
  const query = (page: number) => {
    const params = new URLSearchParams()
    if (filter.source) params.set('source', filter.source)
    if (filter.tag) params.set('tag', filter.tag)
    if (filter.type) params.set('type', filter.type)
    if (filter.text) params.set('q', filter.text)
    if (page > 1) params.set('page', String(page))
    const text = params.toString()
    return text ? `?${text}` : ''
  }
  return (
    <Layout title={`Add questions to "${set.title}"`} studio={{ setSlug: set.slug }}>
      <p class="breadcrumbs">
        <a href="/studio">Studio</a> › <a href={base}>{set.title}</a> › Add from the bank
      </p>
      <h1>Add questions</h1>
      <Notice message={notice} />
      <form method="get" action={`${base}/bank`} class="bank-filter" aria-label="Filter questions">
        <div class="field">
          <label for="filter-q">Text in the prompt</label>
          <input id="filter-q" type="search" name="q" value={filter.text ?? ''} maxLength={100} />
        </div>
        <div class="field">
          <label for="filter-source">Source</label>
          <select id="filter-source" name="source">
            <option value="">Any source</option>
            {sources.map((source) => (
              <option key={source.id} value={source.id} selected={source.id === filter.source}>
                {source.title}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-tag">Tag</label>
          <select id="filter-tag" name="tag">
            <option value="">Any tag</option>
            {tags.map((tag) => (
              <option key={tag} value={tag} selected={tag === filter.tag}>
                {tag}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-type">Type</label>
          <select id="filter-type" name="type">
            <option value="">Any type</option>
            {questionTypes.map((type) => (
              <option key={type} value={type} selected={type === filter.type}>
                {typeLabels[type]}
              </option>
            ))}
          </select>
        </div>
        <button class="button" type="submit">
          Filter
        </button>
      </form>
      <p role="status" class="bank-count">
        {total === 0
          ? 'No questions match.'
          : `${total} question${total === 1 ? '' : 's'} match${total === 1 ? 'es' : ''}; page ${filter.page} of ${pages}.`}
      </p>
      {hits.length > 0 && (
        <ul class="bank-list">
          {hits.map((hit) => (
            <li key={hit.id} class="draft-item">
              <div class="draft-item__text">
                <span class="draft-item__prompt">{hit.prompt}</span>
                <span class="meta">
                  {typeLabels[hit.type]} ·{' '}
                  {hit.sourceId === null ? (
                    <span class="badge badge--uncited">uncited</span>
                  ) : (
                    (sourceTitle.get(hit.sourceId) ?? hit.sourceId)
                  )}
                  {hit.tags.length > 0 && ` · ${hit.tags.join(', ')}`} ·{' '}
                  <a href={`${base}/questions/${hit.id}/preview`}>Preview</a>
                </span>
              </div>
              <div class="draft-item__actions">
                {inDraft.has(hit.id) ? (
                  <span class="hint">In the set</span>
                ) : (
                  <ActionButton
                    action={`${base}/questions/add`}
                    fields={{ question: hit.id, back: `${base}/bank${query(filter.page)}` }}
                    label="Add"
                    ariaLabel={`Add: ${hit.prompt}`}
                  />
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {pages > 1 && (
        <nav aria-label="Pages" class="actions">
          {filter.page > 1 && (
            <a class="button" href={`${base}/bank${query(filter.page - 1)}`}>
              Previous page
            </a>
          )}
          {filter.page < pages && (
            <a class="button" href={`${base}/bank${query(filter.page + 1)}`}>
              Next page
            </a>
          )}
        </nav>
      )}
      <p>
        <a href={base}>Back to the set</a>
      </p>
    </Layout>
  )
}
