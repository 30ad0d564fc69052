import type { PassbackRow } from '../../../db/lti-passbacks'

const dateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
})

const statusText: Record<PassbackRow['status'], string> = {
  none: 'Not sent',
  pending: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
}

/** How the recent score passbacks went, with a retry for those not sent. */
export function Passbacks({ rows }: { rows: PassbackRow[] }) {
  if (!rows.length) return <p class="empty-state">No scores have been sent back yet.</p>
  return (
    <ul class="card-list">
      {rows.map((row) => (
        <li class="card" key={row.launchId}>
          <p>
            <strong>{statusText[row.status]}</strong>: {row.score} / {row.total} on <code>{row.setSlug}</code>{' '}
            for LMS user <code>{row.userSub ?? 'anonymous'}</code> ({row.platformName})
          </p>
          <p class="meta">
            {row.tries} {row.tries === 1 ? 'try' : 'tries'}
            {row.at === null ? '' : `, last ${dateTime.format(row.at)} UTC`}
          </p>
          {row.error && <p class="field-error">{row.error}</p>}
          {row.status !== 'sent' && (
            <form method="post" action={`/studio/lti/passbacks/${row.launchId}/retry`}>
              <button class="button" type="submit">
                Send again
              </button>
            </form>
          )}
        </li>
      ))}
    </ul>
  )
}
