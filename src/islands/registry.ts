import type { FunctionComponent } from 'preact'
import { AnswerForm, type AnswerFormProps } from './answer-form'

/** Every hydrated component, by the name written into `data-island`. */
export const islands = {
  'answer-form': AnswerForm as FunctionComponent<AnswerFormProps>,
}

export type IslandName = keyof typeof islands
export type IslandProps = { 'answer-form': AnswerFormProps }
