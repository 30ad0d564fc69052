import { gzipSync } from 'node:zlib'

/**
 * What a learner downloads for one question page: the HTML, then every
 * stylesheet and script it references (and the modules those scripts import
 * statically), sized raw and as gzip -9.
 */

export type Asset = { kind: 'html' | 'css' | 'js'; path: string; rawBytes: number; gzipBytes: number }
export type PageWeight = {
  page: string
  assets: Asset[]
  totals: Record<Asset['kind'], { rawBytes: number; gzipBytes: number }>
}

const attribute = (tag: string, name: string) =>
  new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i')
    .exec(tag)
    ?.slice(1)
    .find((value) => value !== undefined)

/** Stylesheet and script URLs referenced by `html`, in document order. */
export function referencedAssets(html: string): { kind: 'css' | 'js'; href: string }[] {
  const found: { kind: 'css' | 'js'; href: string }[] = []
  for (const [tag] of html.matchAll(/<(?:link|script)\b[^>]*>/gi)) {
    if (/^<script/i.test(tag)) {
      const src = attribute(tag, 'src')
      if (src) found.push({ kind: 'js', href: src })
    } else {
      const rel = attribute(tag, 'rel')?.toLowerCase().split(/\s+/) ?? []
      const href = attribute(tag, 'href')
      if (href && rel.includes('stylesheet')) found.push({ kind: 'css', href })
      if (href && rel.includes('modulepreload')) found.push({ kind: 'js', href })
    }
  }
  return found
}

/** Relative static imports of an ES module (code-split chunks), e.g. `from"./chunk-x.js"`. */
const staticImports = (code: string) =>
  [...code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+)["']/g)].map((match) => match[1]!)

async function download(url: URL, cookie: string): Promise<Buffer> {
  const response = await fetch(url, { headers: { Cookie: cookie } })
  if (response.status !== 200) throw new Error(`GET ${url.pathname} answered ${response.status}`)
  return Buffer.from(await response.arrayBuffer())
}

const measure = (kind: Asset['kind'], path: string, body: Buffer): Asset => ({
  kind,
  path,
  rawBytes: body.length,
  gzipBytes: gzipSync(body, { level: 9 }).length,
})

/** Downloads `pagePath` with the learner's cookie and sizes everything it pulls in. */
export async function measurePageWeight(
  origin: string,
  pagePath: string,
  cookie: string,
): Promise<PageWeight> {
  const pageUrl = new URL(pagePath, origin)
  const html = await download(pageUrl, cookie)
  const assets: Asset[] = [measure('html', pageUrl.pathname, html)]
  const queue = referencedAssets(html.toString('utf8')).map(({ kind, href }) => ({
    kind,
    url: new URL(href, pageUrl),
  }))
  const seen = new Set<string>()
  for (let item = queue.shift(); item; item = queue.shift()) {
    if (seen.has(item.url.href) || item.url.origin !== pageUrl.origin) continue
    seen.add(item.url.href)
    const body = await download(item.url, cookie)
    assets.push(measure(item.kind, item.url.pathname, body))
    if (item.kind === 'js') {
      const base = item.url
      for (const specifier of staticImports(body.toString('utf8')))
        queue.push({ kind: 'js', url: new URL(specifier, base) })
    }
  }
  for (const asset of assets)
    console.log(
      `  ${asset.kind.padEnd(4)} ${asset.path.padEnd(50)} ${asset.rawBytes} B raw, ${asset.gzipBytes} B gzip`,
    )
  const totals = { html: sum(assets, 'html'), css: sum(assets, 'css'), js: sum(assets, 'js') }
  return { page: pageUrl.pathname, assets, totals }
}

function sum(assets: Asset[], kind: Asset['kind']) {
  const ofKind = assets.filter((asset) => asset.kind === kind)
  return {
    rawBytes: ofKind.reduce((total, asset) => total + asset.rawBytes, 0),
    gzipBytes: ofKind.reduce((total, asset) => total + asset.gzipBytes, 0),
  }
}
