import type { Reveal, Standing } from '../live/protocol'
import { SourceLine } from './source-line'

/** A closed live question: the right answer, the explanation, the cited passage and the answer bars. */
export function LiveReveal({ reveal, showBars = true }: { reveal: Reveal; showBars?: boolean }) {
  const most = Math.max(1, ...reveal.distribution.map((bar) => bar.count))
  const List = reveal.ordered ? 'ol' : 'ul'
  return (
    <section class="live-reveal" aria-label="The answer">
      {reveal.skipped && <p>The host skipped this question: it scores no points.</p>}
      <h3>Correct answer</h3>
      <List class="live-reveal__key">
        {reveal.correctAnswer.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </List>
      <p class="live-reveal__explanation">{reveal.explanation}</p>
      {reveal.evidence.map((citation) => (
        <blockquote class="live-reveal__quote" key={`${citation.source.id}:${citation.quote}`}>
          <p>“{citation.quote}”</p>
          <footer>
            <SourceLine source={citation.source} />
          </footer>
        </blockquote>
      ))}
      {showBars && (
        <table class="live-bars">
          <caption>How the room answered</caption>
          <tbody>
            {reveal.distribution.map((bar) => (
              <tr key={bar.label} class={bar.correct ? 'live-bars__right' : undefined}>
                <th scope="row">
                  {bar.label}
                  {bar.correct ? ' (correct)' : ''}
                </th>
                <td>
                  <meter class="live-bars__bar" min={0} max={most} value={bar.count} aria-hidden="true" />{' '}
                  {bar.count}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

/** The leaderboard rows (top 5, or the podium's 3), with movers. */
export function LiveStandings({ rows, label }: { rows: Standing[]; label: string }) {
  return (
    <ol class="live-standings" aria-label={label}>
      {rows.map((row) => (
        <li key={row.nickname} value={row.rank}>
          <span class="live-standings__name">{row.nickname}</span>{' '}
          <span class="live-standings__score">{row.score} points</span>
          {row.moved > 0 && <span class="live-standings__moved"> (up {row.moved})</span>}
        </li>
      ))}
    </ol>
  )
}

/** Seconds left, for the countdown. */
export const secondsLeft = (ms: number) => Math.ceil(ms / 1000)
