/**
 * `npm run lint` runs this after Biome: it fails when a file in src/ imports
 * against the direction of dependencies (rules in scripts/layers.ts).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { layerErrors } from './layers'

const sources = readdirSync('src', { recursive: true, encoding: 'utf8' })
  .filter((name) => /\.tsx?$/.test(name) && !name.endsWith('.d.ts'))
  .map((name) => join('src', name).replaceAll('\\', '/'))
  .sort()

const errors = sources.flatMap((file) => layerErrors(file, readFileSync(file, 'utf8')))
for (const error of errors) console.error(error)
if (errors.length) {
  console.error(
    `\n${errors.length} import(s) against the layering (see scripts/layers.ts and the README's Layout).`,
  )
  process.exit(1)
}
console.log(`Layers: ${sources.length} files in src/ import in the allowed directions.`)
