import { describe, expect, it } from 'vitest'
import { importsOf, layerErrors, targetOf } from '../../scripts/layers'

describe('layer check', () => {
  it('reads multi-line, type-only and re-exported imports with their lines', () => {
    const source =
      "import {\n  a,\n} from './a'\nimport type { B } from '../b'\nimport { type C } from 'c'\nexport { d } from './d'"
    expect(importsOf(source)).toEqual([
      { line: 1, specifier: './a', typeOnly: false },
      { line: 4, specifier: '../b', typeOnly: true },
      { line: 5, specifier: 'c', typeOnly: true },
      { line: 6, specifier: './d', typeOnly: false },
    ])
  })

  it('names the path under src/ or the package an import reaches', () => {
    expect(targetOf('src/views/studio/a.tsx', '../../routes/studio')).toBe('routes/studio')
    expect(targetOf('src/db/a.ts', 'drizzle-orm/d1')).toBe('drizzle-orm/d1')
    expect(targetOf('src/app.ts', './routes/learner/api')).toBe('routes/learner/api')
  })

  it('keeps services off the error handler, which renders a page, but lets them fail()', () => {
    expect(layerErrors('src/services/a.ts', "import { fail } from '../http/fail'")).toEqual([])
    expect(layerErrors('src/services/a.ts', "import { handleError } from '../http/error-handler'")).toEqual([
      'src/services/a.ts:1: services must not import http/error-handler (../http/error-handler)',
    ])
  })

  it('refuses views importing routes, and services importing views', () => {
    expect(layerErrors('src/views/a.tsx', "import { x } from '../routes/studio'")).toEqual([
      'src/views/a.tsx:1: views must not import routes (../routes/studio)',
    ])
    expect(layerErrors('src/services/a.ts', "\nimport { ErrorPage } from '../views/error-page'")).toEqual([
      'src/services/a.ts:2: services must not import views (../views/error-page)',
    ])
  })

  it('lets a view import only the types of a service', () => {
    expect(layerErrors('src/views/a.tsx', "import type { AttemptView } from '../services/attempts'")).toEqual(
      [],
    )
    expect(
      layerErrors('src/views/a.tsx', "import { setStatus } from '../services/studio-sets'"),
    ).toHaveLength(1)
  })

  it('keeps hono and drizzle-orm out of the pure folders', () => {
    const source =
      "import type { Context } from 'hono'\nimport { eq } from 'drizzle-orm'\nimport { z } from 'zod'"
    expect(layerErrors('src/studio/a.ts', source)).toEqual([
      'src/studio/a.ts:1: studio must not import hono (hono)',
      'src/studio/a.ts:2: studio must not import drizzle-orm (drizzle-orm)',
    ])
    expect(layerErrors('src/routes/a.ts', source)).toEqual([])
  })
})
