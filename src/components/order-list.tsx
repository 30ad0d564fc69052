import { useLayoutEffect, useRef, useState } from 'preact/hooks'
import { type FormFields, fieldName } from '../quiz/answer-form'
import type { Option } from '../quiz/public-question'

type Props = { questionId: string; items: Option[]; submitted: FormFields | null; disabled: boolean }

type Focus = { id: string; control: 'text' | 'up' | 'down' }

/**
 * The order the learner gave before (a refused or kept answer), else the
 * order the server shuffled the items into.
 */
function startingOrder(items: Option[], submitted: FormFields | null): Option[] {
  const position = (item: Option) => Number(submitted?.[fieldName.position(item.id)]?.[0])
  const positions = new Set(items.map(position))
  const complete = items.every((item) => Number.isInteger(position(item))) && positions.size === items.length
  return complete ? [...items].sort((a, b) => position(a) - position(b)) : items
}

/**
 * Ordering with JavaScript: the whole current order with full texts, changed
 * by tapping an item then the place it goes, or with the arrows beside each
 * item. Every move is announced, and hidden fields carry the positions under
 * the same names as the plain form (`fieldName.position`).
 */
export function OrderList({ questionId, items, submitted, disabled }: Props) {
  const [order, setOrder] = useState(() => startingOrder(items, submitted))
  const [picked, setPicked] = useState<string | null>(null)
  const [said, setSaid] = useState('')
  const list = useRef<HTMLOListElement>(null)
  // Moving an element in the DOM can drop its focus: put it back on the control that moved.
  const focusAfter = useRef<Focus | null>(null)
  useLayoutEffect(() => {
    const focus = focusAfter.current
    focusAfter.current = null
    if (focus)
      list.current
        ?.querySelector<HTMLButtonElement>(`[data-item="${focus.id}"] [data-control="${focus.control}"]`)
        ?.focus()
  }, [order])

  const textOf = (id: string) => items.find((item) => item.id === id)?.text ?? ''
  const move = (id: string, to: number, control: Focus['control']) => {
    const from = order.findIndex((item) => item.id === id)
    const moving = order[from]
    if (!moving || to < 0 || to >= order.length) {
      setSaid(`${textOf(id)} is already ${to < 0 ? 'first' : 'last'}.`)
      return
    }
    const next = order.filter((item) => item.id !== id)
    next.splice(to, 0, moving)
    focusAfter.current = { id, control }
    setOrder(next)
    setPicked(null)
    setSaid(`${moving.text}: moved to position ${to + 1} of ${order.length}.`)
  }
  const tap = (id: string, index: number) => {
    if (picked === null) {
      setPicked(id)
      setSaid(`${textOf(id)} picked. Tap the item whose place it should take.`)
    } else if (picked === id) {
      setPicked(null)
      setSaid(`${textOf(id)} put back at position ${index + 1}.`)
    } else move(picked, index, 'text')
  }

  const howId = `order-how-${questionId}`
  return (
    <div class="reorder">
      <p class="reorder__how" id={howId}>
        Tap an item, then tap the place it should go; or move it with the arrows.
      </p>
      <ol class="reorder__list" ref={list}>
        {order.map((item, index) => (
          <li
            key={item.id}
            data-item={item.id}
            class={`reorder__item${picked === item.id ? ' reorder__item--picked' : ''}`}
          >
            <input type="hidden" name={fieldName.position(item.id)} value={String(index + 1)} />
            <button
              type="button"
              class="reorder__text"
              data-control="text"
              aria-pressed={picked === item.id}
              aria-describedby={howId}
              disabled={disabled}
              onClick={() => tap(item.id, index)}
            >
              <span class="reorder__position" aria-hidden="true">
                {index + 1}
              </span>
              <span class="visually-hidden">Position {index + 1}: </span>
              <span class="reorder__label">{item.text}</span>
            </button>
            <span class="reorder__arrows">
              <button
                type="button"
                class="reorder__arrow"
                data-control="up"
                aria-label={`Move up: ${item.text}`}
                aria-disabled={index === 0 ? 'true' : undefined}
                disabled={disabled}
                onClick={() => move(item.id, index - 1, 'up')}
              >
                ↑
              </button>
              <button
                type="button"
                class="reorder__arrow"
                data-control="down"
                aria-label={`Move down: ${item.text}`}
                aria-disabled={index === order.length - 1 ? 'true' : undefined}
                disabled={disabled}
                onClick={() => move(item.id, index + 1, 'down')}
              >
                ↓
              </button>
            </span>
          </li>
        ))}
      </ol>
      <p class="visually-hidden" aria-live="polite">
        {said}
      </p>
    </div>
  )
}
