import type { Submitted } from '../../components/question-fields'
import { MAX_CITATIONS, MAX_QUOTE_WORDS } from '../../quiz/question'
import type { SourceSummary } from '../../quiz/source'
import type { SourcedPassage } from '../../services/source-library'
import type { Passage } from '../../sources/passages'
import { passageRef } from '../../studio/passage-ref'
import { citationFields, citationRows } from '../../studio/question-form'
import { SelectField, TextArea } from './fields'

/** The no-JS passage picker: one page of a source's sentences (searched), as radio buttons. */
export type PassagePicker = {
  source: string
  search: string
  page: number
  pages: number
  total: number
  passages: Passage[]
}

type Props = {
  form: Submitted
  errors: Record<string, string>
  focus: (name: string) => boolean
  sources: (SourceSummary & { ownerId: string | null })[]
  /** Ids of the sources whose text is stored (their sentences can be picked, their quotes are checked). */
  sourcesWithText: string[]
  suggestions: SourcedPassage[]
  picker: PassagePicker | null
}

const shortened = (text: string, words = 8) => {
  const all = text.split(/\s+/)
  return all.length > words ? `${all.slice(0, words).join(' ')}…` : text
}

/**
 * The evidence part of the question form: the cited passages (source and
 * quote, one row each, plus an empty row to add one), the evidence finder's
 * suggestions with a "Cite" button each, and a searchable, paged list of a
 * source's sentences to pick from. Every action is a submit button of the
 * question form, so it all works without JavaScript and nothing typed is lost.
 */
export function EvidenceFields({
  form,
  errors,
  focus,
  sources,
  sourcesWithText,
  suggestions,
  picker,
}: Props) {
  const rows = citationRows(form)
  const filled = rows.filter((row) => row.source || row.quote)
  const shown = rows.slice(0, Math.min(MAX_CITATIONS, Math.max(1, filled.length + 1, lastFilled(rows) + 1)))
  const titleOf = new Map(sources.map((source) => [source.id, source.title]))
  const options = sources.map((source) => ({
    value: source.id,
    label: `${source.ownerId ? 'Yours: ' : ''}${source.title} (${source.outlet})`,
  }))
  return (
    <fieldset class="evidence-fields">
      <legend>Evidence</legend>
      <p class="hint">
        The passages that prove the answer, each at most {MAX_QUOTE_WORDS} words, copied exactly: a quote that
        is not in its source’s text is refused. Pick sentences below, or leave every row empty for an uncited
        question.
      </p>
      {shown.map((row) => {
        const names = citationFields(row.row)
        const label = row.row === 1 ? '' : ` ${row.row}`
        return (
          <div class="citation-row" key={row.row}>
            <SelectField
              name={names.source}
              label={`Source${label}`}
              hint={row.row === 1 ? 'The document that proves the answer.' : undefined}
              value={row.source}
              placeholder="No source"
              options={options}
              error={errors[names.source]}
              focus={focus(names.source)}
            />
            <TextArea
              name={names.quote}
              label={`Quote from the source${label}`}
              hint={
                row.row === 1
                  ? `The passage that proves the answer, at most ${MAX_QUOTE_WORDS} words.`
                  : undefined
              }
              value={row.quote}
              error={errors[names.quote]}
              focus={focus(names.quote)}
              maxLength={400}
            />
          </div>
        )
      })}
      <p class="hint" id="add-source-hint">
        Not listed? Add a source of your own: what you typed here is kept and comes back with it.
      </p>
      <p>
        <button
          class="button"
          type="submit"
          name="intent"
          value="add-source"
          aria-describedby="add-source-hint"
        >
          Add a source
        </button>
      </p>
      {suggestions.length > 0 && (
        <section aria-labelledby="suggested-heading" class="suggestions">
          <h3 id="suggested-heading">Passages that may prove the answer</h3>
          <ol class="passage-list">
            {suggestions.map((passage) => (
              <li key={passageRef(passage.source.id, passage)}>
                <p class="passage-list__text">{passage.text}</p>
                <p class="meta">
                  {passage.source.title} · paragraph {passage.paragraph + 1}{' '}
                  <button
                    class="button"
                    type="submit"
                    name="cite"
                    value={passageRef(passage.source.id, passage)}
                    aria-label={`Cite “${shortened(passage.text)}” from ${passage.source.title}`}
                  >
                    Cite
                  </button>
                </p>
              </li>
            ))}
          </ol>
        </section>
      )}
      {picker && sourcesWithText.length > 0 && (
        <section aria-labelledby="picker-heading" class="picker">
          <h3 id="picker-heading">Pick a sentence</h3>
          <SelectField
            name="browse_source"
            label="Sentences of"
            value={picker.source}
            placeholder="Choose a source"
            options={options.filter((option) => sourcesWithText.includes(option.value))}
          />
          <div class="field">
            <label for="field-browse_q">Containing (optional)</label>
            <input id="field-browse_q" type="search" name="browse_q" value={picker.search} maxLength={200} />
          </div>
          <p>
            <button class="button" type="submit" name="intent" value="browse">
              Show sentences
            </button>
          </p>
          {picker.source && (
            <>
              <p class="hint" role="status">
                {picker.total === 0
                  ? 'No sentence matches.'
                  : `${picker.total} sentence${picker.total === 1 ? '' : 's'} of ${titleOf.get(picker.source) ?? picker.source}; page ${picker.page} of ${picker.pages}.`}
              </p>
              {picker.passages.length > 0 && (
                <fieldset class="sentence-picker">
                  <legend>Sentences</legend>
                  {errors.pick && (
                    <p class="field-error" id="pick-error">
                      {errors.pick}
                    </p>
                  )}
                  {picker.passages.map((passage) => {
                    const value = passageRef(picker.source, passage)
                    return (
                      <div class="choice" key={value}>
                        <input type="radio" id={`pick-${value}`} name="pick" value={value} />
                        <label for={`pick-${value}`}>{passage.text}</label>
                      </div>
                    )
                  })}
                </fieldset>
              )}
              <div class="actions">
                {picker.passages.length > 0 && (
                  <button class="button button--primary" type="submit" name="intent" value="cite-picked">
                    Cite the chosen sentence
                  </button>
                )}
                {picker.page > 1 && (
                  <button class="button" type="submit" name="browse_to" value={String(picker.page - 1)}>
                    Previous sentences
                  </button>
                )}
                {picker.page < picker.pages && (
                  <button class="button" type="submit" name="browse_to" value={String(picker.page + 1)}>
                    Next sentences
                  </button>
                )}
              </div>
            </>
          )}
        </section>
      )}
    </fieldset>
  )
}

/** The number of the last filled row (0 when none). */
function lastFilled(rows: { row: number; source: string; quote: string }[]): number {
  return rows.reduce((last, row) => (row.source || row.quote ? row.row : last), 0)
}
