import type { Submitted } from '../components/question-fields'
import { type EmbedPolicy, originSchema } from '../embed/policy'
import { UTC } from '../learning/time-zone'
import {
  MAX_TRIES,
  type SetSettings,
  savedSetSettingsSchema,
  setSettingsSchema,
  TRIES_NEED_FEEDBACK,
  type Visibility,
  visibilities,
} from '../quiz/set-settings'
import { field } from './form-fields'
import { checkDates, type DatesForm, datesFormOf } from './set-dates-form'

/** The settings form's fields as typed (strings), so a refused form comes back as it was. */
export type SettingsForm = {
  feedback: string
  shuffleQuestions: boolean
  shuffleChoices: boolean
  drawCount: string
  timeLimitMinutes: string
  attemptsAllowed: string
  passMark: string
  triesPerQuestion: string
  tryPenalty: string
  hintPenalty: string
  visibility: string
  embedAnywhere: boolean
  embedOrigins: string
} & DatesForm
export type SettingsErrors = Partial<Record<keyof SettingsForm, string>>

/** What the settings page edits of a set (a quiz_sets row has these columns). */
export type SetConfiguration = { settings: unknown; visibility: Visibility; embedPolicy: EmbedPolicy }

/** The draft's settings with every default filled in. */
export const draftSettings = (set: { settings: unknown }): SetSettings =>
  setSettingsSchema.parse(set.settings)

/**
 * The settings form filled in from a set's draft settings.
 * @example settingsFormOf(set).passMark // "60"
 */
export function settingsFormOf(set: SetConfiguration, browserZone = UTC): SettingsForm {
  const settings = draftSettings(set)
  const text = (value: number | null) => (value === null ? '' : String(value))
  return {
    feedback: settings.feedback,
    shuffleQuestions: settings.shuffleQuestions,
    shuffleChoices: settings.shuffleChoices,
    drawCount: text(settings.drawCount),
    timeLimitMinutes: text(settings.timeLimitMinutes),
    attemptsAllowed: text(settings.attemptsAllowed),
    passMark: String(settings.passMark),
    triesPerQuestion: String(settings.triesPerQuestion),
    tryPenalty: String(settings.tryPenalty),
    hintPenalty: String(settings.hintPenalty),
    visibility: set.visibility,
    embedAnywhere: set.embedPolicy.anywhere,
    embedOrigins: set.embedPolicy.origins.join('\n'),
    ...datesFormOf(settings, browserZone),
  }
}

/** Decodes the settings form; numbers left empty mean "no limit". */
export function checkSettings(form: Submitted): {
  typed: SettingsForm
  errors: SettingsErrors
  value: { settings: SetSettings; visibility: Visibility; embedPolicy: EmbedPolicy } | null
} {
  const dates = checkDates(form)
  const typed: SettingsForm = {
    ...dates.typed,
    feedback: field(form, 'feedback'),
    shuffleQuestions: field(form, 'shuffleQuestions') === 'on',
    shuffleChoices: field(form, 'shuffleChoices') === 'on',
    drawCount: field(form, 'drawCount'),
    timeLimitMinutes: field(form, 'timeLimitMinutes'),
    attemptsAllowed: field(form, 'attemptsAllowed'),
    passMark: field(form, 'passMark'),
    triesPerQuestion: field(form, 'triesPerQuestion'),
    tryPenalty: field(form, 'tryPenalty'),
    hintPenalty: field(form, 'hintPenalty'),
    visibility: field(form, 'visibility'),
    embedAnywhere: field(form, 'embedAnywhere') === 'on',
    embedOrigins: form.embedOrigins?.[0] ?? '',
  }
  const errors: SettingsErrors = { ...dates.errors }
  const optional = (value: string) => (value === '' ? null : Number(value))
  // Fields a form from before tries and hints lacks take their defaults.
  const defaulted = (value: string) => (value === '' ? undefined : Number(value))
  const parsed = savedSetSettingsSchema.safeParse({
    feedback: typed.feedback || 'each',
    shuffleQuestions: typed.shuffleQuestions,
    shuffleChoices: typed.shuffleChoices,
    drawCount: optional(typed.drawCount),
    timeLimitMinutes: optional(typed.timeLimitMinutes),
    attemptsAllowed: optional(typed.attemptsAllowed),
    passMark: typed.passMark === '' ? Number.NaN : Number(typed.passMark),
    triesPerQuestion: defaulted(typed.triesPerQuestion),
    tryPenalty: defaulted(typed.tryPenalty),
    hintPenalty: defaulted(typed.hintPenalty),
  })
  const limits: Partial<Record<keyof SettingsForm, string>> = {
    feedback: 'Choose when learners get feedback.',
    drawCount: 'A whole number from 1 to 200, or empty for all questions.',
    timeLimitMinutes: 'A whole number of minutes from 1 to 600, or empty for no limit.',
    attemptsAllowed: 'A whole number from 1 to 100, or empty for unlimited.',
    passMark: 'A whole number from 0 to 100.',
    triesPerQuestion: `A whole number from 1 to ${MAX_TRIES}.`,
    tryPenalty: 'A whole percent from 0 to 100.',
    hintPenalty: 'A whole percent from 0 to 100.',
  }
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const name = issue.path[0] as keyof SettingsForm
      // The rule across fields keeps its own message; a bad number gets the field's range.
      errors[name] ??= issue.message === TRIES_NEED_FEEDBACK ? issue.message : (limits[name] ?? issue.message)
    }
  const visibility = visibilities.find((candidate) => candidate === typed.visibility)
  if (!visibility) errors.visibility = 'Choose who can find the quiz.'
  const origins: string[] = []
  const problems: string[] = []
  for (const line of typed.embedOrigins
    .split(/\r?\n/)
    .map((item) => item.trim())
    .filter(Boolean)) {
    const origin = originSchema.safeParse(line)
    if (origin.success) origins.includes(origin.data) || origins.push(origin.data)
    else problems.push(origin.error.issues[0]?.message ?? `"${line}" is not an origin`)
  }
  if (origins.length > 20) problems.push('At most 20 sites.')
  if (problems.length) errors.embedOrigins = problems.join('; ')
  if (!parsed.success || !visibility || !dates.value || Object.keys(errors).length > 0)
    return { typed, errors, value: null }
  return {
    typed,
    errors,
    value: {
      settings: { ...parsed.data, ...dates.value },
      visibility,
      embedPolicy: { anywhere: typed.embedAnywhere, origins },
    },
  }
}
