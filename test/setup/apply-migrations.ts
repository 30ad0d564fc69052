import { applyD1Migrations } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import type { Bank } from '../../src/bank/bank'
import { createDb } from '../../src/db/client'
import { seedBank, seedSourceTexts } from '../../src/db/seed'

// Runs before each test file (storage is isolated per file): the same
// migrations and the same seeding code as `npm start`.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS)
await seedBank(createDb(env.DB), JSON.parse(env.TEST_BANK) as Bank)
await seedSourceTexts(createDb(env.DB), JSON.parse(env.TEST_SOURCE_TEXTS) as Record<string, string>)
