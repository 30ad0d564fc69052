import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'
import { loadBank } from './scripts/load-bank'

/**
 * Two projects:
 * - `workers`: unit, db and route tests inside workerd with a real local D1,
 *   migrations applied and the bank seeded by test/setup/apply-migrations.ts;
 * - `e2e`: Node tests driving Debian's Chromium against `wrangler dev`.
 */
export default defineConfig(async () => {
  const { bank, errors } = loadBank()
  if (errors.length)
    throw new Error(`The question bank is invalid; run npm run questions:check (${errors.length} errors)`)
  return {
    test: {
      projects: [
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: './wrangler.toml' },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS: await readD1Migrations(`${import.meta.dirname}/migrations`),
                  TEST_BANK: JSON.stringify(bank),
                },
              },
            }),
          ],
          test: {
            name: 'workers',
            include: ['test/unit/**/*.test.{ts,tsx}', 'test/db/**/*.test.ts', 'test/routes/**/*.test.ts'],
            setupFiles: ['./test/setup/apply-migrations.ts'],
          },
        },
        {
          test: {
            name: 'e2e',
            include: ['test/e2e/**/*.test.ts'],
            environment: 'node',
            globalSetup: ['./test/e2e/global-setup.ts'],
            testTimeout: 60_000,
            hookTimeout: 120_000,
            fileParallelism: false,
          },
        },
      ],
    },
  }
})
