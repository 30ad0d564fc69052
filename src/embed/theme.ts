import * as z from 'zod'

/**
 * The colour scheme of an embedded quiz, chosen by the course site in the
 * snippet (`?theme=`): `light` (the default: most course pages are light, and
 * a phone in dark mode must not paint a black block into them), `dark`, or
 * `auto` (follow the learner's system setting, as Cited's own pages do).
 */
export const EMBED_THEMES = ['light', 'dark', 'auto'] as const
export type EmbedTheme = (typeof EMBED_THEMES)[number]
export const DEFAULT_EMBED_THEME: EmbedTheme = 'light'

/** Absent means the default; an unknown value is an error (the caller answers 400), never silently light. */
export const embedThemeSchema = z.enum(EMBED_THEMES).default(DEFAULT_EMBED_THEME)

/**
 * The `color-scheme` a page declares for a theme (what the browser uses for
 * form controls and scrollbars, and what app.css keys its colours on).
 * @example colorSchemeOf('auto') // 'light dark'
 */
export const colorSchemeOf = (theme: EmbedTheme) => (theme === 'auto' ? 'light dark' : theme)
