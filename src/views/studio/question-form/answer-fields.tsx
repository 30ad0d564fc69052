import type { FunctionComponent } from 'preact'
import type { QuestionType } from '../../../quiz/question'
import type { AnswerFieldsProps } from './answer-fields-props'
import { ChoiceFields } from './choice-fields'
import { ClozeFields } from './cloze-fields'
import { MatchingFields } from './matching-fields'
import { NumericFields } from './numeric-fields'
import { OrderingFields } from './ordering-fields'
import { TextAnswerFields } from './text-fields'
import { TrueFalseFields } from './true-false-fields'

/** The fields that say what the right answer is, one component per question type. */
const byType: Record<QuestionType, FunctionComponent<AnswerFieldsProps>> = {
  single: (props) => <ChoiceFields {...props} type="single" />,
  multiple: (props) => <ChoiceFields {...props} type="multiple" />,
  true_false: TrueFalseFields,
  numeric: NumericFields,
  ordering: OrderingFields,
  matching: MatchingFields,
  text: TextAnswerFields,
  cloze: ClozeFields,
}

/** The answer fields of the question form for one type. */
export function AnswerFields({ type, ...props }: AnswerFieldsProps & { type: QuestionType }) {
  const Fields = byType[type]
  return <Fields {...props} />
}
