import { useState } from 'preact/hooks'
import { type FormFields, fieldName } from '../quiz/answer-form'
import type { Option } from '../quiz/public-question'

type Props = {
  questionId: string
  lefts: Option[]
  rights: Option[]
  submitted: FormFields | null
  disabled: boolean
}

type Side = 'left' | 'right'
type Picked = { side: Side; id: string } | null

/** The pairs given before (a refused or kept answer), each match used once. */
function startingPairs(lefts: Option[], rights: Option[], submitted: FormFields | null) {
  const pairs: Record<string, string> = {}
  for (const left of lefts) {
    const right = submitted?.[fieldName.match(left.id)]?.[0]
    if (right && rights.some((option) => option.id === right) && !Object.values(pairs).includes(right))
      pairs[left.id] = right
  }
  return pairs
}

/**
 * Matching with JavaScript: tap an item, then tap its match (or the other
 * way round). A pair shows joined under its item with a button to undo it,
 * and a match in use is marked with the number of its item. Each step is
 * announced; hidden fields carry the pairs under the plain form's names
 * (`fieldName.match`).
 */
export function PairMatcher({ questionId, lefts, rights, submitted, disabled }: Props) {
  const [pairs, setPairs] = useState(() => startingPairs(lefts, rights, submitted))
  const [picked, setPicked] = useState<Picked>(null)
  const [said, setSaid] = useState('')

  const textOf = (side: Side, id: string) =>
    (side === 'left' ? lefts : rights).find((option) => option.id === id)?.text ?? ''
  const leftOf = (right: string) => Object.keys(pairs).find((left) => pairs[left] === right)

  const join = (left: string, right: string) => {
    const next: Record<string, string> = {}
    // A match already used elsewhere moves here: each match belongs to one item.
    for (const [other, match] of Object.entries(pairs))
      if (match !== right && other !== left) next[other] = match
    next[left] = right
    setPairs(next)
    setPicked(null)
    const done = Object.keys(next).length
    setSaid(
      `Matched: ${textOf('left', left)} with ${textOf('right', right)}. ${done} of ${lefts.length} matched.`,
    )
  }
  const undo = (left: string) => {
    const { [left]: right, ...rest } = pairs
    setPairs(rest)
    setSaid(`Undone: ${textOf('left', left)} is no longer matched with ${textOf('right', right ?? '')}.`)
  }
  const tap = (side: Side, id: string) => {
    if (picked?.side === side && picked.id === id) {
      setPicked(null)
      setSaid(`${textOf(side, id)}: no longer picked.`)
    } else if (picked && picked.side !== side) {
      if (side === 'right') join(picked.id, id)
      else join(id, picked.id)
    } else {
      setPicked({ side, id })
      setSaid(`${textOf(side, id)} picked. Now tap its ${side === 'left' ? 'match' : 'item'}.`)
    }
  }
  const isPicked = (side: Side, id: string) => picked?.side === side && picked.id === id

  const howId = `match-how-${questionId}`
  return (
    <div class="matcher">
      <p class="matcher__how" id={howId}>
        Tap an item, then tap its match. Tap a pair's Undo to change it.
      </p>
      <ol class="matcher__lefts">
        {lefts.map((left, index) => {
          const right = pairs[left.id]
          return (
            <li key={left.id} class={`matcher__left${right ? ' matcher__left--paired' : ''}`}>
              <input type="hidden" name={fieldName.match(left.id)} value={right ?? ''} />
              <button
                type="button"
                class="matcher__choice"
                aria-pressed={isPicked('left', left.id)}
                aria-describedby={howId}
                disabled={disabled}
                onClick={() => tap('left', left.id)}
              >
                <span class="matcher__number" aria-hidden="true">
                  {index + 1}
                </span>
                <span class="matcher__label">{left.text}</span>
              </button>
              {right && (
                <span class="matcher__pair">
                  <span>
                    <span class="visually-hidden">matched with </span>
                    {textOf('right', right)}
                  </span>
                  <button
                    type="button"
                    class="matcher__undo"
                    aria-label={`Undo: ${left.text} with ${textOf('right', right)}`}
                    disabled={disabled}
                    onClick={() => undo(left.id)}
                  >
                    Undo
                  </button>
                </span>
              )}
            </li>
          )
        })}
      </ol>
      <p class="matcher__heading">Matches</p>
      <ul class="matcher__rights">
        {rights.map((right) => {
          const owner = leftOf(right.id)
          const number = owner === undefined ? 0 : lefts.findIndex((left) => left.id === owner) + 1
          return (
            <li key={right.id}>
              <button
                type="button"
                class={`matcher__choice${owner ? ' matcher__choice--used' : ''}`}
                aria-pressed={isPicked('right', right.id)}
                aria-describedby={howId}
                disabled={disabled}
                onClick={() => tap('right', right.id)}
              >
                <span class="matcher__label">{right.text}</span>
                {owner && (
                  <span class="matcher__used">
                    <span aria-hidden="true">✓ {number}</span>
                    <span class="visually-hidden">, used for item {number}</span>
                  </span>
                )}
              </button>
            </li>
          )
        })}
      </ul>
      <p class="visually-hidden" aria-live="polite">
        {said}
      </p>
    </div>
  )
}
