import type { Context } from 'hono'

/** Whether the request came over https: cookies get `Secure` and responses HSTS only then. */
export const isHttps = (c: Context): boolean => new URL(c.req.url).protocol === 'https:'
