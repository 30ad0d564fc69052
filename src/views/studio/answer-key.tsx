import { SourceLine } from '../../components/source-line'
import type { AnswerKey } from '../../studio/answer-key'

/**
 * The key beside a preview: the correct answer, the explanation, feedback per
 * choice, and each cited passage in its context in the source (the sentence
 * before and after, from the stored text), so the instructor can check the
 * question before learners get it.
 */
export function AnswerKeyPanel({ answerKey }: { answerKey: AnswerKey }) {
  const { correct, ordered, explanation, feedback, citations } = answerKey
  const lines = correct.map((line) => <li key={line}>{line}</li>)
  return (
    <section class="answer-key" aria-labelledby="answer-key-heading">
      <h2 id="answer-key-heading">The key (only you see this)</h2>
      <dl>
        <dt>Correct answer</dt>
        <dd>{ordered ? <ol>{lines}</ol> : correct.length === 1 ? correct[0] : <ul>{lines}</ul>}</dd>
        <dt>Explanation</dt>
        <dd>{explanation}</dd>
        {feedback && (
          <>
            <dt>Feedback per choice</dt>
            <dd>
              <ul>
                {Object.entries(feedback).map(([choice, text]) => (
                  <li key={choice}>
                    <strong>{choice}</strong>: {text}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        <dt>Evidence</dt>
        {citations.length === 0 ? (
          <dd>
            <span class="badge badge--uncited">uncited</span> Learners see no source for this question.
          </dd>
        ) : (
          citations.map((citation, index) => (
            <dd key={`${index}-${citation.quote}`} class="cited-context">
              {citation.context ? (
                <p class="context">
                  {citation.context.before && <span class="context__around">{citation.context.before} </span>}
                  <mark>{citation.context.passage}</mark>
                  {citation.context.after && <span class="context__around"> {citation.context.after}</span>}
                </p>
              ) : (
                <blockquote>{citation.quote}</blockquote>
              )}
              <p class="hint">
                {citation.context
                  ? `Quoted: “${citation.quote}” (paragraph ${citation.context.paragraph + 1}, sentence ${citation.context.sentence + 1})`
                  : 'No text is stored for this source: the quote is unchecked.'}
                {citation.source && (
                  <>
                    {' · '}
                    <SourceLine source={citation.source} withReliability={false} />
                  </>
                )}
              </p>
            </dd>
          ))
        )}
      </dl>
    </section>
  )
}
