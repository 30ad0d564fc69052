import type { Context } from 'hono'
import { Hono } from 'hono'
import * as z from 'zod'
import { clientAddress, retryAfterSeconds, whenToRetry } from '../../auth/rate-limit'
import type { Db } from '../../db/client'
import { mergeLearner, saveTransferCode, wipeLearner } from '../../db/learners'
import { loadDueSummary } from '../../db/learning'
import type { AppEnv } from '../../env'
import { fail } from '../../http/fail'
import { readForm } from '../../http/form'
import { dueWindow } from '../../learning/due'
import {
  type ClaimLimitKind,
  generateTransferCode,
  normaliseTransferCode,
  TRANSFER_CODE_TTL_MS,
} from '../../learning/transfer-code'
import { describeProgress } from '../../services/progress'
import { claimTransferCode } from '../../services/transfer-claims'
import { ProgressPage, WipePage } from '../../views/progress-page'
import { renderPage } from '../../views/render'
import { clearLearnerId, ensureLearnerId, readLearnerId, setLearnerId } from './learner-id'
import { readTimeZone } from './time-zone'

const codeForm = z.object({ code: z.tuple([z.string()]) })
const wipeForm = z.object({ confirm: z.tuple([z.literal('yes')]) })

type PageOptions = {
  transfer?: { code: string; expiresAt: number }
  notice?: string
  claimError?: string
  /** What the learner typed in the claim form, kept when it is refused. */
  claimTyped?: string
  status?: 200 | 400 | 429
}

async function progressPage(c: Context<AppEnv>, db: Db, learnerId: string | null, options: PageOptions = {}) {
  const now = new Date()
  const timeZone = readTimeZone(c)
  const [progress, due] = await Promise.all([
    describeProgress(db, learnerId, now, timeZone.zone),
    learnerId
      ? loadDueSummary(db, learnerId, dueWindow(now.getTime(), timeZone.zone))
      : { dueNow: 0, laterToday: 0, nextDue: null },
  ])
  return renderPage(
    c,
    <ProgressPage
      progress={progress}
      due={due}
      timeZone={timeZone}
      claimTyped={options.claimTyped ?? ''}
      transfer={options.transfer ?? null}
      notice={options.notice ?? null}
      claimError={options.claimError ?? null}
    />,
    options.status ?? 200,
  )
}

const claimBlockWhose: Record<ClaimLimitKind, string> = {
  learner: 'from this browser',
  ip: 'from your network',
  site: 'on this site just now',
}

/** The learner's progress page, moving progress between devices, and wiping it. */
export const progress = new Hono<AppEnv>()
  .get('/', (c) => {
    const notice = c.req.query('joined') === '1' ? 'This device now shares your progress.' : undefined
    return progressPage(c, c.get('db'), readLearnerId(c), { notice })
  })
  .post('/transfer', async (c) => {
    const db = c.get('db')
    const learnerId = ensureLearnerId(c)
    const code = generateTransferCode()
    const expiresAt = Date.now() + TRANSFER_CODE_TTL_MS
    await saveTransferCode(db, learnerId, code, expiresAt)
    return progressPage(c, db, learnerId, { transfer: { code, expiresAt } })
  })
  .post('/claim', async (c) => {
    const db = c.get('db')
    const current = readLearnerId(c)
    const form = codeForm.safeParse(await readForm(c))
    const typed = form.success ? form.data.code[0].slice(0, 40) : ''
    const code = form.success ? normaliseTransferCode(form.data.code[0]) : null
    const refuse = (claimError: string, status: 400 | 429 = 400) =>
      progressPage(c, db, current, { claimError, claimTyped: typed, status })
    if (!code) return refuse('A code has 8 letters and digits, like 7QK2-MZ4D.')
    const now = Date.now()
    const ip = clientAddress(c.req.header('cf-connecting-ip'))
    const claim = await claimTransferCode(db, { code, learnerId: current, ip, now })
    if (claim.outcome === 'blocked') {
      c.header('Retry-After', retryAfterSeconds(claim.block, now))
      return refuse(
        `Too many wrong codes ${claimBlockWhose[claim.block.kind]}. ${whenToRetry(claim.block, now)}`,
        429,
      )
    }
    if (claim.outcome === 'unknown')
      return refuse('That code is unknown or has expired. Make a new one on your other device.')
    const owner = claim.owner
    // This device's own answers so far join the other device's progress.
    if (current) await mergeLearner(db, current, owner)
    setLearnerId(c, owner)
    return c.redirect('/progress?joined=1', 303)
  })
  .get('/wipe', (c) => renderPage(c, <WipePage />))
  .post('/wipe', async (c) => {
    const form = wipeForm.safeParse(await readForm(c))
    if (!form.success) fail(400, 'bad_request', 'Confirm with the "Delete everything" button.')
    const learnerId = readLearnerId(c)
    if (learnerId) await wipeLearner(c.get('db'), learnerId)
    clearLearnerId(c)
    // The browser drops what it kept of the quizzes too: pages cached for offline use
    // (answered ones show the key), the answers waiting to be sent, the service worker.
    // Cookies are left alone: the learner's is cleared above, an instructor's session stays.
    c.header('Clear-Site-Data', '"cache", "storage"')
    return c.redirect('/?wiped=1', 303)
  })
