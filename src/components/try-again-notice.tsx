import type { Ref } from 'preact'
import { type TryAgain, tryAgainText } from '../quiz/try-again'
import { ChoiceFeedbackNotes } from './feedback-panel'

/**
 * After a wrong try with tries left: "Not quite: try again (2 tries left)",
 * the learner's answer and the feedback on their picks. No key, no
 * explanation, no source: those wait for a right answer or the last try.
 */
export function TryAgainNotice({
  tryAgain,
  headingRef,
  autoFocus = false,
}: {
  tryAgain: TryAgain
  headingRef?: Ref<HTMLHeadingElement>
  autoFocus?: boolean
}) {
  return (
    <section class="try-again" aria-labelledby="try-again-heading">
      <h2 id="try-again-heading" tabIndex={-1} ref={headingRef} autofocus={autoFocus}>
        {tryAgainText(tryAgain.triesLeft)}
      </h2>
      <p>
        Your answer: <span class="try-again__answer">{tryAgain.yourAnswer.join('; ')}</span>
      </p>
      <ChoiceFeedbackNotes notes={tryAgain.choiceFeedback} />
    </section>
  )
}
