import { SourceLine } from '../components/source-line'
import type { QuizSetSummary } from '../db/quiz-sets'
import type { DueSummary } from '../learning/due'
import type { LearnerTimeZone } from '../learning/time-zone'
import type { SourceSummary } from '../quiz/source'
import { dueHint, practiseLabel } from './due-text'
import { Layout } from './layout'
import { setRules } from './set-rules'
import { TimeZoneNote } from './time-zone-note'

type Props = {
  sets: QuizSetSummary[]
  sources: Map<string, SourceSummary>
  /** What is due for practice (src/learning/due.ts); null for a learner who has not started. */
  due: DueSummary | null
  timeZone: LearnerTimeZone
  wiped: boolean
}

export function HomePage({ sets, sources, due, timeZone, wiped }: Props) {
  const bankSets = sets.filter((set) => set.version === null)
  const instructorSets = sets.filter((set) => set.version !== null)
  return (
    <Layout title="Quizzes" withTimeZone={due !== null}>
      <h1>Kazakhstan and Russia in 2022</h1>
      <p class="lead">
        Short quizzes written from five news sources. After each answer you see the passage that proves it,
        and how reliable its source is.
      </p>
      {wiped && (
        <p class="notice" role="status">
          Your answers and progress were deleted.
        </p>
      )}
      {due !== null && (
        <div class="due">
          <p>
            <a class="button button--primary" href="/practice">
              {practiseLabel(due.dueNow)}
            </a>{' '}
            <span class="hint">{dueHint(due)}</span>
          </p>
          <TimeZoneNote timeZone={timeZone} />
        </div>
      )}
      <ul class="card-list">
        {bankSets.map((set) => (
          <SetCard set={set} sources={sources} key={set.slug} />
        ))}
      </ul>
      {instructorSets.length > 0 && (
        <section aria-labelledby="instructor-sets">
          <h2 id="instructor-sets">Quizzes from instructors</h2>
          <ul class="card-list">
            {instructorSets.map((set) => (
              <SetCard set={set} sources={sources} heading="h3" key={set.slug} />
            ))}
          </ul>
        </section>
      )}
      <section class="about-sources" aria-labelledby="about-sources">
        <h2 id="about-sources">About the sources</h2>
        <ul>
          {[...sources.values()].map((source) => (
            <li key={source.id}>
              <SourceLine source={source} />
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  )
}

type CardProps = { set: QuizSetSummary; sources: Map<string, SourceSummary>; heading?: 'h2' | 'h3' }

function SetCard({ set, sources, heading: Heading = 'h2' }: CardProps) {
  return (
    <li class="card">
      <Heading>
        <a href={`/quiz/${set.slug}`}>{set.title}</a>
      </Heading>
      <p>{set.description}</p>
      <p class="meta">
        {set.version === null ? `${set.questionCount} questions` : setRules(set).join(' · ')}
      </p>
      <details class="sources">
        <summary>
          {set.sourceIds.length} sources<span class="visually-hidden"> for {set.title}</span>
        </summary>
        <ul>
          {set.sourceIds.map((id) => {
            const source = sources.get(id)
            return source ? (
              <li key={id}>
                <SourceLine source={source} withReliability={false} />
              </li>
            ) : null
          })}
        </ul>
      </details>
    </li>
  )
}
