import { BarChart } from '../components/bar-chart'
import type { DueSummary } from '../learning/due'
import type { LearnerTimeZone } from '../learning/time-zone'
import type { ProgressGroup, ProgressView } from '../services/progress'
import { dueHint, practiseLabel } from './due-text'
import { Island } from './island'
import { Layout } from './layout'
import { formatLocalTime, TimeZoneNote } from './time-zone-note'

type Props = {
  progress: ProgressView
  /** What is due (src/learning/due.ts): the same counts as the home page and practice. */
  due: DueSummary
  timeZone: LearnerTimeZone
  /** A freshly made transfer code to show, with its expiry. */
  transfer: { code: string; expiresAt: number } | null
  notice: string | null
  claimError: string | null
  /** What the learner typed in the claim form, kept when it was refused. */
  claimTyped: string
}

const dayLabel = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
})
const shortDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', timeZone: 'UTC' })

const levels = ['mastered', 'learning', 'new'] as const

/** A stacked bar as SVG: geometry in attributes, because the CSP allows no inline styles. */
function MasteryBar({ tally }: { tally: ProgressGroup['tally'] }) {
  let x = 0
  return (
    <svg
      class="mastery__bar"
      viewBox="0 0 100 6"
      preserveAspectRatio="none"
      aria-hidden="true"
      focusable="false"
    >
      {levels.map((level) => {
        const width = tally.total ? (tally[level] / tally.total) * 100 : 0
        const rect = (
          <rect key={level} class={`mastery__part--${level}`} x={x} y="0" width={width} height="6" />
        )
        x += width
        return rect
      })}
    </svg>
  )
}

function MasteryList({ heading, groups }: { heading: string; groups: ProgressGroup[] }) {
  return (
    <section aria-label={heading}>
      <h2>{heading}</h2>
      <ul class="mastery">
        {groups.map(({ id, title, subtitle, tally }) => (
          <li key={id}>
            <p class="mastery__name">{title}</p>
            {subtitle && <p class="mastery__subtitle">{subtitle}</p>}
            <MasteryBar tally={tally} />
            <p class="mastery__counts">
              {tally.mastered} mastered · {tally.learning} learning · {tally.new} new
            </p>
          </li>
        ))}
      </ul>
    </section>
  )
}

/** The learner's progress, device transfer and wipe; everything keyed by the anonymous learner id. */
export function ProgressPage({ progress, due, timeZone, transfer, notice, claimError, claimTyped }: Props) {
  const { totals, accuracy, streak } = progress
  const percent = accuracy.share === null ? null : Math.round(accuracy.share * 100)
  return (
    <Layout title="Your progress" withTimeZone>
      <h1>Your progress</h1>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <dl class="stats">
        <div>
          <dt>Due now</dt>
          <dd>{due.dueNow}</dd>
        </div>
        <div>
          <dt>Day streak</dt>
          <dd>{streak}</dd>
        </div>
        <div>
          <dt>Last 7 days</dt>
          <dd>{percent === null ? 'No answers' : `${percent}% right`}</dd>
        </div>
        <div>
          <dt>Mastered</dt>
          <dd>
            {totals.mastered} of {totals.total}
          </dd>
        </div>
      </dl>
      <p class="actions">
        <a class="button button--primary" href="/practice">
          {practiseLabel(due.dueNow)}
        </a>{' '}
        <span class="hint">{dueHint(due)}</span>
      </p>
      <p class="hint">
        Mastered: you answered it right and it is next due in three weeks or more. Learning: seen, not yet
        mastered.
      </p>
      <TimeZoneNote timeZone={timeZone} />

      <BarChart
        title="Answers per day, last 14 days"
        unit="Answers"
        bars={progress.perDay.map((day) => {
          const date = Date.parse(`${day.day}T00:00:00Z`)
          return { label: dayLabel.format(date), shortLabel: shortDay.format(date), value: day.reviews }
        })}
      />

      <MasteryList heading="By quiz set" groups={progress.sets} />
      <MasteryList heading="By source article" groups={progress.sources} />

      <section aria-labelledby="devices">
        <h2 id="devices">Use another device</h2>
        <p>No account needed: make a code here, type it on the other device within 15 minutes.</p>
        {transfer ? (
          // Focused (and so scrolled into view) as the page loads: the code is what the learner asked for.
          <p class="transfer-code" role="status" id="transfer-code-made" tabIndex={-1} autofocus>
            Your code: <strong>{transfer.code}</strong>{' '}
            <span class="hint">
              (works once, until {formatLocalTime(transfer.expiresAt, timeZone.zone, true)}
              {timeZone.fromBrowser ? '' : ' UTC'})
            </span>
          </p>
        ) : (
          <form method="post" action="/progress/transfer">
            <button class="button" type="submit">
              Make a code
            </button>
          </form>
        )}
        <form method="post" action="/progress/claim" class="claim-form">
          <label for="transfer-code">Got a code from your other device?</label>
          {claimError && (
            <p class="form-error" id="claim-error" role="alert">
              {claimError}
            </p>
          )}
          <span class="free-answer__row">
            <input
              id="transfer-code"
              name="code"
              type="text"
              inputMode="text"
              autoComplete="one-time-code"
              autoCapitalize="characters"
              spellcheck={false}
              maxLength={20}
              value={claimTyped}
              aria-describedby={claimError ? 'claim-error' : undefined}
              aria-invalid={claimError ? 'true' : undefined}
              // A refused code: the field (with what was typed) takes the focus, the error beside it.
              autofocus={claimError !== null}
            />
            <button class="button" type="submit">
              Join
            </button>
          </span>
        </form>
      </section>

      <section aria-labelledby="wipe">
        <h2 id="wipe">Start over</h2>
        <p>
          <a href="/progress/wipe">Delete all my answers and progress</a>
        </p>
      </section>
    </Layout>
  )
}

/** Confirmation before deleting everything. */
export function WipePage() {
  return (
    <Layout title="Delete your progress" withIslands>
      <h1>Delete your progress?</h1>
      <p class="lead">
        This deletes every answer, attempt, name and practice schedule kept for you on Cited, on every device
        that shares your progress. It cannot be undone.
      </p>
      {/* The form clears the device's offline copies before it posts (see the island). */}
      <Island of="forget-device" props={{}} />
    </Layout>
  )
}
