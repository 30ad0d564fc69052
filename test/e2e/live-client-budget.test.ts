import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

// In the e2e project (Node) because it builds with esbuild; it needs no server.
/** The most JavaScript a phone downloads for the live player page (issue 15). */
const LIVE_BUDGET_GZIP_BYTES = 20 * 1024

describe('the live pages script', () => {
  it('stays within 20 KB gzip, as scripts/build-client.ts builds it', async () => {
    const result = await build({
      entryPoints: [join(import.meta.dirname, '../../src/client/live.ts')],
      bundle: true,
      minify: true,
      target: 'es2020',
      format: 'esm',
      jsx: 'automatic',
      jsxImportSource: 'preact',
      legalComments: 'none',
      write: false,
    })
    const code = result.outputFiles[0]?.contents ?? new Uint8Array()
    const gzip = gzipSync(code).byteLength
    expect(gzip).toBeGreaterThan(1000)
    expect(gzip, `live.js is ${gzip} bytes gzip`).toBeLessThanOrEqual(LIVE_BUDGET_GZIP_BYTES)
  }, 30_000)
})
