import { hintCostText } from '../quiz/penalties'
import type { ItemHints } from '../quiz/tries'

/**
 * The hints of an unanswered question: those revealed, then a button that
 * reveals the next one, saying what it costs first. A plain form post
 * (no JavaScript needed) naming the hint's index, so a replayed post reveals
 * and charges nothing more. Hints not yet revealed are never in the page.
 */
export function HintsSection({ hints, action }: { hints: ItemHints; action: string }) {
  if (hints.total === 0) return null
  const next = hints.revealed.length
  return (
    <section class="hints" id="hints" aria-labelledby="hints-heading">
      <h2 id="hints-heading">Hints</h2>
      {next > 0 && (
        <ol class="hints__list">
          {hints.revealed.map((hint, index) => (
            <li key={index}>{hint}</li>
          ))}
        </ol>
      )}
      {next < hints.total ? (
        <form method="post" action={action} class="hints__form">
          <input type="hidden" name="hint" value={String(next)} />
          <button class="button" type="submit">
            Show hint {next + 1} of {hints.total} ({hintCostText(hints.cost)})
          </button>
        </form>
      ) : (
        <p class="hint">No more hints.</p>
      )}
    </section>
  )
}
