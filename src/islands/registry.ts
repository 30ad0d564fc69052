import type { FunctionComponent } from 'preact'
import { AnswerForm, type AnswerFormProps } from './answer-form'
import { ForgetDevice, type ForgetDeviceProps } from './forget-device'
import { OfflineStatus, type OfflineStatusProps } from './offline-status'
import { TimeLeft, type TimeLeftProps } from './time-left'

export type IslandProps = {
  'answer-form': AnswerFormProps
  'forget-device': ForgetDeviceProps
  'offline-status': OfflineStatusProps
  'time-left': TimeLeftProps
}
export type IslandName = keyof IslandProps

/** Every hydrated component, by the name written into `data-island`. */
export const islands: { [N in IslandName]: FunctionComponent<IslandProps[N]> } = {
  'answer-form': AnswerForm,
  'forget-device': ForgetDevice,
  'offline-status': OfflineStatus,
  'time-left': TimeLeft,
}
