import type { FunctionComponent } from 'preact'
import { AnswerForm, type AnswerFormProps } from './answer-form'
import { ForgetDevice, type ForgetDeviceProps } from './forget-device'
import type { LiveIslandProps } from './live-registry'
import { OfflineStatus, type OfflineStatusProps } from './offline-status'
import { TimeLeft, type TimeLeftProps } from './time-left'

/** The quiz pages' islands (src/client/main.ts hydrates them). */
export type QuizIslandProps = {
  'answer-form': AnswerFormProps
  'forget-device': ForgetDeviceProps
  'offline-status': OfflineStatusProps
  'time-left': TimeLeftProps
}
/** Every island, the live pages' included (live-registry.ts). */
export type IslandProps = QuizIslandProps & LiveIslandProps
export type IslandName = keyof IslandProps

/** Every hydrated component, by the name written into `data-island`. */
export const islands: { [N in keyof QuizIslandProps]: FunctionComponent<QuizIslandProps[N]> } = {
  'answer-form': AnswerForm,
  'forget-device': ForgetDevice,
  'offline-status': OfflineStatus,
  'time-left': TimeLeft,
}
