import type { LibrarySource } from '../../db/sources'
import { MAX_GAPS, MAX_QUOTE_WORDS } from '../../quiz/question'
import { sentenceWords } from '../../studio/cloze-builder'
import { Layout } from '../layout'
import { FormError } from './fields'

type Props = {
  source: LibrarySource
  /** The sentence's reference, `<source>:<paragraph>:<sentence>`. */
  at: string
  text: string
  sets: { slug: string; title: string }[]
  chosenSet: string
  ticked: number[]
  error?: string
}

/**
 * /studio/sources/:id/passage-question: a sentence of a source as words, each
 * with a checkbox; the ticked words become the gaps of a passage question
 * (no JavaScript needed), then the question form opens to finish it.
 */
export function ClozeBuilderPage({ source, at, text, sets, chosenSet, ticked, error }: Props) {
  const words = sentenceWords(text)
  const base = `/studio/sources/${source.id}`
  return (
    <Layout title={error ? `Error: make a passage question` : 'Make a passage question'}>
      <p class="breadcrumbs">
        <a href="/studio">Studio</a> › <a href="/studio/sources">Sources</a> ›{' '}
        <a href={base}>{source.title}</a> › Passage question
      </p>
      <h1>Make a passage question</h1>
      <FormError message={error} focus />
      {sets.length === 0 ? (
        <p class="empty-state">
          A question goes into one of your sets: <a href="/studio/sets/new">create a set</a> first.
        </p>
      ) : (
        <form method="post" action={`${base}/passage-question`} class="cloze-builder">
          <input type="hidden" name="at" value={at} />
          <fieldset>
            <legend>Tick the words to blank out</legend>
            <p class="hint" id="word-hint">
              Each ticked word becomes a gap whose answer is the word; words side by side make one gap. At
              most {MAX_GAPS} gaps.
              {words.length > MAX_QUOTE_WORDS &&
                ` The sentence is longer than a quote may be (${MAX_QUOTE_WORDS} words): the evidence cites the ${MAX_QUOTE_WORDS} words around the first gap.`}
            </p>
            <p class="word-picks">
              {words.map((word, index) => (
                <label class="word-pick" key={index}>
                  <input
                    type="checkbox"
                    name="blank"
                    value={String(index)}
                    defaultChecked={ticked.includes(index)}
                  />
                  <span>{word}</span>
                </label>
              ))}
            </p>
          </fieldset>
          <p class="field">
            <label for="cloze-set">Add it to the set</label>
            <select id="cloze-set" name="set" required>
              {sets.map((set) => (
                <option key={set.slug} value={set.slug} selected={set.slug === chosenSet}>
                  {set.title}
                </option>
              ))}
            </select>
          </p>
          <button type="submit" class="button button--primary">
            Continue to the question form
          </button>
        </form>
      )}
    </Layout>
  )
}
