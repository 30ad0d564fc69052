import type { ComponentChildren } from 'preact'
import { type Bar, BarChart } from '../../components/bar-chart'
import type { ResultsView } from '../../services/results'
import { formatDuration } from '../../stats/set-summary'
import { Layout } from '../layout'

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)} %`)
const score = (value: number | null) => (value === null ? '—' : `${Math.round(value)} %`)
const correlation = (value: number | null) => (value === null ? '—' : value.toFixed(2))

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' })
const longDayFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' })
const dayOf = (iso: string) => new Date(`${iso}T00:00:00Z`)

function dayBars(view: ResultsView): Bar[] {
  return view.overTime.map((bucket) => {
    const start = dayOf(bucket.start)
    const end = new Date(start.getTime() + (bucket.days - 1) * 86_400_000)
    const label =
      bucket.days === 1
        ? longDayFormat.format(start)
        : `${longDayFormat.format(start)} – ${longDayFormat.format(end)}`
    return { label, shortLabel: dayFormat.format(start), value: bucket.count }
  })
}

function scoreBars(view: ResultsView): Bar[] {
  return view.summary.histogram.map((bin, index, bins) => {
    const last = index === bins.length - 1
    return {
      label: `${bin.from} to ${last ? bin.to : bin.to - 1} %`,
      shortLabel: String(bin.from),
      value: bin.count,
    }
  })
}

/** A wide table that scrolls sideways on a phone instead of squeezing its columns. */
export function ScrollTable({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
    <section class="table-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  )
}

/** A question's problem reports, linking to them on the reports page; "—" for none. */
function ReportsCell({
  base,
  questionId,
  count,
}: {
  base: string
  questionId: string
  count?: { total: number; open: number }
}) {
  if (!count) return <>—</>
  return (
    <a href={`${base}/reports#q-${questionId}`}>
      {count.total}
      <span class="visually-hidden"> {count.total === 1 ? 'report' : 'reports'}</span>
      {count.open > 0 && ` (${count.open} open)`}
    </a>
  )
}

type Props = {
  view: ResultsView
  /** Learners' problem reports per question id (all and open); questions without any are absent. */
  reports?: ReadonlyMap<string, { total: number; open: number }>
}

/** /studio/sets/:slug/results: headline figures, two charts, per-question and per-learner tables. */
export function StudioResultsPage({ view, reports = new Map() }: Props) {
  const base = `/studio/sets/${view.set.slug}`
  const { summary, totals, page } = view
  return (
    <Layout title={`Results: ${view.set.title}`} studio={{ setSlug: view.set.slug }}>
      <p>
        <a href={base}>← {view.set.title}</a>
      </p>
      <h1>Results: {view.set.title}</h1>
      <dl class="stats">
        <div>
          <dt>Attempts</dt>
          <dd>{totals.attempts}</dd>
        </div>
        <div>
          <dt>Completed</dt>
          <dd>{totals.completed}</dd>
        </div>
        <div>
          <dt>Learners</dt>
          <dd>{totals.learners}</dd>
        </div>
        <div>
          <dt>Mean score</dt>
          <dd>{summary.meanPercent === null ? '—' : `${Math.round(summary.meanPercent)} %`}</dd>
        </div>
        <div>
          <dt>Pass rate</dt>
          <dd>{percent(summary.passRate)}</dd>
        </div>
        <div>
          <dt>Median time</dt>
          <dd>{summary.medianDurationMs === null ? '—' : formatDuration(summary.medianDurationMs)}</dd>
        </div>
      </dl>
      <p class="hint">
        Scores, the pass rate (pass mark {view.passMark} %, or the pass mark of the version an attempt was
        taken on) and the question statistics count completed attempts only.
        {totals.live > 0 &&
          ` ${totals.live} of the attempts were played in live sessions: they count like the others, and their learners are marked Live with the session’s date.`}
      </p>
      <p class="actions">
        <a class="button" href={`${base}/results/attempts.csv`} download>
          Download attempts (CSV)
        </a>
        <a class="button" href={`${base}/results/responses.csv`} download>
          Download answers (CSV)
        </a>
      </p>

      {totals.attempts === 0 ? (
        <p class="empty-state">Nobody has taken this quiz set yet.</p>
      ) : (
        <>
          <BarChart title="Attempts started per day (UTC)" bars={dayBars(view)} unit="Attempts" />
          <BarChart
            title="Score distribution of completed attempts"
            bars={scoreBars(view)}
            unit="Attempts"
            labelHeading="Score"
          />
        </>
      )}

      <section aria-labelledby="questions">
        <h2 id="questions">Questions</h2>
        <p class="hint">
          Facility: share of answers fully correct. Discrimination: correlation between the question's points
          and the rest of the attempt (−1 to 1; below 0.2 deserves a look; — when it cannot be computed).
        </p>
        <p>
          A key turned out wrong? <a href={`${base}/regrades`}>Regrade a question</a> for the answers already
          given.
        </p>
        <ScrollTable label="Questions">
          <table class="results-table card-table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Question</th>
                <th scope="col">Answers</th>
                <th scope="col">Facility</th>
                <th scope="col">Discrimination</th>
                <th scope="col">Most chosen wrong answer</th>
                <th scope="col">Reports</th>
              </tr>
            </thead>
            <tbody>
              {view.items.map((item, index) => (
                <tr key={item.questionId}>
                  <td class="card-table__number">{item.position === null ? '–' : index + 1}</td>
                  <th scope="row">{item.prompt}</th>
                  <td data-label="Answers">{item.responses}</td>
                  <td data-label="Facility">{percent(item.facility)}</td>
                  <td data-label="Discrimination">{correlation(item.discrimination)}</td>
                  <td data-label="Most chosen wrong answer">
                    {item.mostChosenWrong
                      ? `${item.mostChosenWrong.text} (${item.mostChosenWrong.count})`
                      : '—'}
                  </td>
                  <td data-label="Reports">
                    <ReportsCell
                      base={base}
                      questionId={item.questionId}
                      count={reports.get(item.questionId)}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      </section>

      <section aria-labelledby="learners">
        <h2 id="learners">Learners</h2>
        {view.learners.length === 0 ? (
          <p class="empty-state">No learners yet.</p>
        ) : (
          <>
            <ScrollTable label="Learners">
              <table class="results-table card-table">
                <thead>
                  <tr>
                    <th scope="col">Learner</th>
                    <th scope="col">Attempts</th>
                    <th scope="col">Best score</th>
                    <th scope="col">Last score</th>
                  </tr>
                </thead>
                <tbody>
                  {view.learners.map((learner) => (
                    <tr key={learner.pseudonym}>
                      <th scope="row">
                        {learner.label}
                        {learner.lastLiveAt !== null && (
                          <>
                            {' '}
                            <span class="badge badge--live">
                              Live, {longDayFormat.format(new Date(learner.lastLiveAt))}
                            </span>
                          </>
                        )}
                      </th>
                      <td data-label="Attempts">
                        {learner.attempts}
                        {learner.completed < learner.attempts &&
                          ` (${learner.attempts - learner.completed} in progress)`}
                      </td>
                      <td data-label="Best score">{score(learner.best)}</td>
                      <td data-label="Last score">{score(learner.last)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
            {page.count > 1 && (
              <nav class="pager" aria-label="Learner pages">
                <p>
                  Page {page.number} of {page.count}, most recently active first.{' '}
                  {page.number > 1 && <a href={`${base}/results?page=${page.number - 1}`}>Previous page</a>}{' '}
                  {page.number < page.count && (
                    <a href={`${base}/results?page=${page.number + 1}`}>Next page</a>
                  )}
                </p>
              </nav>
            )}
          </>
        )}
      </section>
    </Layout>
  )
}
