import type { Submitted } from '../components/question-fields'

/**
 * The first value of a field, trimmed ('' when absent).
 * @example field({ title: ['  Oil  '] }, 'title') // 'Oil'
 */
export const field = (form: Submitted, name: string) => (form[name]?.[0] ?? '').trim()
