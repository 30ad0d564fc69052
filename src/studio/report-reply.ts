import * as z from 'zod'

/** An instructor's reply to a learner's report: shown to that learner on their results. */
export const REPORT_REPLY_MAX = 1000

const replyForm = z.object({
  reply: z.string().trim().max(REPORT_REPLY_MAX, `Keep the reply under ${REPORT_REPLY_MAX} characters.`),
})

/**
 * Reads the reply form; an empty reply removes the one saved before.
 * @example readReplyForm({ reply: [' Fixed, thanks. '] }) // { ok: true, reply: 'Fixed, thanks.', typed: ' Fixed, thanks. ' }
 */
export function readReplyForm(
  form: Record<string, string[] | undefined>,
): { ok: true; reply: string | null; typed: string } | { ok: false; error: string; typed: string } {
  const typed = form.reply?.[0] ?? ''
  const parsed = replyForm.safeParse({ reply: typed })
  if (!parsed.success)
    return { ok: false, error: parsed.error.issues[0]?.message ?? 'The reply was not understood.', typed }
  return { ok: true, reply: parsed.data.reply || null, typed }
}
