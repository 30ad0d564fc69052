/**
 * The direction of dependencies between the folders of src/, checked by
 * `npm run lint` (scripts/check-layers.ts). Biome's `noRestrictedImports`
 * could say most of it, but not "a view may import a service's result type
 * and nothing else from it", so the rules live here as data.
 */

/** Domain folders: plain functions and types, no HTTP, no SQL, no app layer. */
export const PURE_FOLDERS = [
  'quiz',
  'learning',
  'auth',
  'embed',
  'stats',
  'lti',
  'gift',
  'bank',
  'studio',
  'sources',
  'live',
  'images',
]

type Rule = {
  /** Folders under src/ whose files the rule applies to. */
  from: string[]
  /** Folders or files under src/ (no extension), or packages, they must not import. */
  forbid: string[]
  /** True when `import type` may still cross (a view naming a service's result type). */
  typesAllowed?: boolean
}

export const RULES: Rule[] = [
  { from: ['views', 'components', 'islands'], forbid: ['routes'] },
  { from: ['components', 'islands'], forbid: ['services', 'db'] },
  { from: ['views'], forbid: ['services'], typesAllowed: true },
  // The error handler renders the error page: services throw with http/fail.ts instead.
  { from: ['services'], forbid: ['routes', 'views', 'components', 'islands', 'http/error-handler'] },
  { from: ['db'], forbid: ['routes', 'services', 'views'] },
  // http/ is middleware any feature may use; a feature's own middleware lives with its routes.
  { from: ['http'], forbid: ['routes', 'services'] },
  // client/ holds the browser entries that hydrate the islands, so nothing they use may import them.
  { from: ['islands', 'browser', 'components'], forbid: ['client'] },
  { from: PURE_FOLDERS, forbid: ['hono', 'drizzle-orm', 'routes', 'services', 'views', 'http', 'db'] },
]

export type Import = { line: number; specifier: string; typeOnly: boolean }

const IMPORT =
  /(?:^|\n)[ \t]*(import|export)[ \t]+(type[ \t]+)?(?:([^'";]*?)[ \t\n]+from[ \t]*)?['"]([^'"\n]+)['"]/g

/**
 * The static imports and re-exports of a TypeScript source, with the line of
 * each. `import { type A, type B }` counts as type-only, like `import type`.
 * @example importsOf("import type { A } from './a'") // [{ line: 1, specifier: './a', typeOnly: true }]
 */
export function importsOf(source: string): Import[] {
  const found: Import[] = []
  for (const match of source.matchAll(IMPORT)) {
    const [whole, , typeKeyword, clause = '', specifier = ''] = match
    const start = (match.index ?? 0) + whole.length - whole.trimStart().length
    const line = source.slice(0, start).split('\n').length
    const names = /^\{([^}]*)\}$/.exec(clause.trim())?.[1]
    const named = names
      ?.split(',')
      .map((name) => name.trim())
      .filter(Boolean)
    const allTyped = named?.every((name) => name.startsWith('type ')) ?? false
    found.push({ line, specifier, typeOnly: Boolean(typeKeyword) || allTyped })
  }
  return found
}

/**
 * What an import reaches: its path under src/ for a relative import, or the
 * package specifier.
 * @example targetOf('src/views/a.tsx', '../routes/b') // "routes/b"
 * @example targetOf('src/db/a.ts', 'drizzle-orm/d1') // "drizzle-orm/d1"
 */
export function targetOf(file: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier
  const path = file.split('/').slice(0, -1)
  for (const part of specifier.split('/')) {
    if (part === '..') path.pop()
    else if (part !== '.') path.push(part)
  }
  return path[0] === 'src' ? path.slice(1).join('/') : path.join('/')
}

/** True when `target` is `forbidden` or inside it ("drizzle-orm/d1" is inside "drizzle-orm"). */
const reaches = (target: string, forbidden: string) =>
  target === forbidden || target.startsWith(`${forbidden}/`)

/** The folder under src/ a file belongs to ('' outside src/). */
const folderOf = (file: string) => (file.startsWith('src/') ? (file.split('/')[1] ?? '') : '')

/**
 * Every import of `file` (a path from the repository root) that goes the
 * wrong way, as `file:line: views must not import routes (../routes/x)`.
 */
export function layerErrors(file: string, source: string): string[] {
  const folder = folderOf(file)
  const errors: string[] = []
  for (const { line, specifier, typeOnly } of importsOf(source)) {
    const target = targetOf(file, specifier)
    for (const rule of RULES) {
      if (!rule.from.includes(folder) || (rule.typesAllowed && typeOnly)) continue
      for (const forbidden of rule.forbid.filter((name) => reaches(target, name))) {
        const only = rule.typesAllowed ? ' (only `import type` of a result type may)' : ''
        errors.push(`${file}:${line}: ${folder} must not import ${forbidden}${only} (${specifier})`)
      }
    }
  }
  return errors
}
