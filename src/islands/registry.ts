import type { FunctionComponent } from 'preact'
import { AnswerForm, type AnswerFormProps } from './answer-form'
import { OfflineStatus, type OfflineStatusProps } from './offline-status'

export type IslandProps = { 'answer-form': AnswerFormProps; 'offline-status': OfflineStatusProps }
export type IslandName = keyof IslandProps

/** Every hydrated component, by the name written into `data-island`. */
export const islands: { [N in IslandName]: FunctionComponent<IslandProps[N]> } = {
  'answer-form': AnswerForm,
  'offline-status': OfflineStatus,
}
