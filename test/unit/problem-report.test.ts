import { describe, expect, it } from 'vitest'
import {
  countReports,
  REPORT_COMMENT_MAX,
  REPORT_IP_LIMIT,
  REPORT_LEARNER_LIMIT,
  readReportForm,
  reportLimits,
} from '../../src/quiz/problem-report'
import { readReplyForm } from '../../src/studio/report-reply'

describe('the report form', () => {
  it('reads a reason and a trimmed note; an empty note is none', () => {
    expect(readReportForm({ reason: ['unclear'], comment: ['  Which year?\n'] })).toMatchObject({
      ok: true,
      report: { reason: 'unclear', comment: 'Which year?' },
    })
    expect(readReportForm({ reason: ['wrong_answer'], comment: ['   '] })).toMatchObject({
      ok: true,
      report: { reason: 'wrong_answer', comment: null },
    })
    expect(readReportForm({ reason: ['other'] })).toMatchObject({ ok: true, report: { comment: null } })
  })

  it('refuses a missing or unknown reason, naming the field, and keeps what was typed', () => {
    expect(readReportForm({ comment: ['kept'] })).toEqual({
      ok: false,
      error: 'Choose what is wrong with the question.',
      field: 'reason',
      fields: { reason: '', comment: 'kept' },
    })
    expect(readReportForm({ reason: ['boring'] })).toMatchObject({ ok: false, field: 'reason' })
  })

  it(`refuses a note over ${REPORT_COMMENT_MAX} characters, or with control characters; line breaks are fine`, () => {
    const long = 'x'.repeat(REPORT_COMMENT_MAX + 1)
    expect(readReportForm({ reason: ['other'], comment: [long] })).toMatchObject({
      ok: false,
      field: 'comment',
      fields: { comment: long },
    })
    expect(readReportForm({ reason: ['other'], comment: ['x'.repeat(REPORT_COMMENT_MAX)] }).ok).toBe(true)
    expect(readReportForm({ reason: ['other'], comment: ['a\u0000b'] })).toMatchObject({
      ok: false,
      field: 'comment',
    })
    expect(readReportForm({ reason: ['other'], comment: ['a\u202eb'] }).ok).toBe(true)
    expect(readReportForm({ reason: ['other'], comment: ['line one\r\nline two\tend'] }).ok).toBe(true)
  })
})

describe('report limits', () => {
  it('count per learner always, and per address when it is known', () => {
    expect(reportLimits('hash', null)).toEqual([
      { kind: 'learner', bucket: 'report:learner:hash', limit: REPORT_LEARNER_LIMIT, windowMs: 3_600_000 },
    ])
    expect(reportLimits('hash', '203.0.113.7').map((limit) => [limit.bucket, limit.limit])).toEqual([
      ['report:learner:hash', REPORT_LEARNER_LIMIT],
      ['report:ip:203.0.113.7', REPORT_IP_LIMIT],
    ])
  })
})

describe('report counts', () => {
  it('count by reason and open status', () => {
    expect(
      countReports([
        { reason: 'unclear', status: 'open' },
        { reason: 'unclear', status: 'resolved' },
        { reason: 'wrong_answer', status: 'open' },
      ]),
    ).toEqual({ total: 3, open: 2, byReason: { wrong_answer: 1, source_mismatch: 0, unclear: 2, other: 0 } })
  })
})

describe('the reply form', () => {
  it('trims the reply, reads an empty one as removing it, and refuses one over 1000 characters', () => {
    expect(readReplyForm({ reply: [' Fixed. '] })).toEqual({ ok: true, reply: 'Fixed.', typed: ' Fixed. ' })
    expect(readReplyForm({ reply: [''] })).toMatchObject({ ok: true, reply: null })
    expect(readReplyForm({})).toMatchObject({ ok: true, reply: null })
    expect(readReplyForm({ reply: ['r'.repeat(1001)] })).toMatchObject({ ok: false })
  })
})
