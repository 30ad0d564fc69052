import { Layout, type StudioArea } from './layout'

const titles: Record<number, string> = {
  400: 'That did not work',
  403: 'Refused',
  404: 'Not found',
  415: 'Unsupported',
}

/**
 * Where an error page offers to go back to: an error in the studio stays in
 * the studio (its layout, and a way back to the set it happened on), anything
 * else goes back to the quizzes.
 */
export function wayBackFrom(path: string): { href: string; label: string; studio: StudioArea | undefined } {
  const set = /^\/studio\/sets\/([a-z0-9-]+)(\/|$)/.exec(path)?.[1]
  if (set && set !== 'new')
    return { href: `/studio/sets/${set}`, label: 'Back to the set', studio: { setSlug: set } }
  if (path === '/studio' || path.startsWith('/studio/'))
    return { href: '/studio', label: 'Back to the studio', studio: {} }
  return { href: '/', label: 'Back to all quizzes', studio: undefined }
}

export function ErrorPage({
  status,
  message,
  path = '/',
}: {
  status: number
  message: string
  path?: string
}) {
  const title = titles[status] ?? (status >= 500 ? 'Something went wrong' : 'That did not work')
  const back = wayBackFrom(path)
  return (
    <Layout title={title} studio={back.studio}>
      <h1>{title}</h1>
      <p class="lead">{message}</p>
      <p>
        <a class="button" href={back.href}>
          {back.label}
        </a>
      </p>
    </Layout>
  )
}
