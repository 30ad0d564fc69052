/**
 * Part of `npm run check`: static assets are served by Workers Static Assets
 * without running the Worker, so public/_headers is the only thing that gives
 * them HSTS and nosniff. This fails (exit 1) if the catch-all rule loses them
 * or a later rule detaches them. Workerd tests cannot read the file, hence a
 * Node script.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/** The headers every static asset must carry, exactly as the Worker sends them. */
const required: Record<string, string> = {
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
}

type Rule = { pattern: string; set: Map<string, string>; detached: Set<string> }

/** Reads the `_headers` format: an unindented URL pattern, then indented `Name: value` or `! Name` lines. */
export function parseHeadersFile(text: string): Rule[] {
  const rules: Rule[] = []
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue
    if (!/^\s/.test(line)) {
      rules.push({ pattern: line.trim(), set: new Map(), detached: new Set() })
      continue
    }
    const rule = rules.at(-1)
    if (!rule) continue
    const entry = line.trim()
    if (entry.startsWith('!')) rule.detached.add(entry.slice(1).trim().toLowerCase())
    else {
      const colon = entry.indexOf(':')
      rule.set.set(entry.slice(0, colon).trim().toLowerCase(), entry.slice(colon + 1).trim())
    }
  }
  return rules
}

/** What is wrong with the file, as sentences; empty when every asset gets the required headers. */
export function missingAssetHeaders(text: string): string[] {
  const rules = parseHeadersFile(text)
  const all = rules.find((rule) => rule.pattern === '/*')
  if (!all) return ['public/_headers has no "/*" rule for every asset.']
  const problems: string[] = []
  for (const [name, value] of Object.entries(required)) {
    if (all.set.get(name) !== value) problems.push(`The "/*" rule must set ${name}: ${value}.`)
    for (const rule of rules)
      if (rule.detached.has(name)) problems.push(`The "${rule.pattern}" rule detaches ${name}.`)
  }
  return problems
}

const problems = missingAssetHeaders(readFileSync(join(import.meta.dirname, '../public/_headers'), 'utf8'))
if (problems.length) {
  for (const problem of problems) console.error(problem)
  process.exit(1)
}
console.log('public/_headers gives every static asset HSTS and nosniff.')
