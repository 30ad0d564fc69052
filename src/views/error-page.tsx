import { Layout } from './layout'

const titles: Record<number, string> = {
  400: 'That did not work',
  403: 'Refused',
  404: 'Not found',
  415: 'Unsupported',
}

export function ErrorPage({ status, message }: { status: number; message: string }) {
  const title = titles[status] ?? (status >= 500 ? 'Something went wrong' : 'That did not work')
  return (
    <Layout title={title}>
      <h1>{title}</h1>
      <p class="lead">{message}</p>
      <p>
        <a class="button" href="/">
          Back to all quizzes
        </a>
      </p>
    </Layout>
  )
}
