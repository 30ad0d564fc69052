import { describe, expect, it } from 'vitest'
import {
  htmlToText,
  looksBinary,
  markdownToText,
  readableTextOf,
  sniffFormat,
} from '../../src/sources/source-text'

describe('sniffFormat', () => {
  it('reads the content, not a name: a page is HTML however it was saved', () => {
    expect(sniffFormat('<!DOCTYPE html><html><body><p>Hi</p></body></html>')).toBe('html')
    expect(sniffFormat('Intro\n<p>One</p>\n<p>Two</p>')).toBe('html')
    expect(sniffFormat('# Title\n\nText with a [link](https://example.org).')).toBe('markdown')
    expect(sniffFormat('Plain words. More plain words.\nA second line.')).toBe('text')
  })

  it('tells binary content from text', () => {
    expect(looksBinary('%PDF-1.7\u0000\u0000binary')).toBe(true)
    expect(looksBinary('Ordinary text, with “quotes” and ü.')).toBe(false)
  })
})

describe('htmlToText', () => {
  it('drops scripts, styles and navigation and keeps paragraphs', () => {
    const html = `<html><head><title>T</title><style>p{color:red}</style></head><body>
      <nav><a href="/">Home</a> <a href="/news">News</a></nav>
      <script>alert("x")</script>
      <h1>Oil &amp; pipelines</h1>
      <p>Kazakhstan ships oil
         through the CPC.</p><p>It&#8217;s 80&nbsp;% of exports.</p>
      <!-- a comment -->
    </body></html>`
    expect(
      htmlToText(html)
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    ).toEqual(['Oil & pipelines', 'Kazakhstan ships oil through the CPC.', 'It’s 80 % of exports.'])
  })
})

describe('markdownToText', () => {
  it('joins wrapped lines, keeps link text and makes headings and items paragraphs', () => {
    const markdown =
      '# The title\n\nA paragraph that\nwraps, with **bold** and a [link](https://x.org).\n\n- first item\n- second item\n\n```\ncode()\n```\n![img](a.png)'
    expect(markdownToText(markdown).split('\n')).toEqual([
      'The title',
      'A paragraph that wraps, with bold and a link.',
      'first item',
      'second item',
      '',
    ])
  })
})

describe('readableTextOf', () => {
  it('gives one paragraph a line with blank lines and spare spaces gone', () => {
    expect(readableTextOf('\uFEFFOne  line.\r\n\r\n\r\nTwo.')).toEqual({
      format: 'text',
      text: 'One line.\nTwo.',
    })
    expect(readableTextOf('<p>A</p><p>B</p>')).toEqual({ format: 'html', text: 'A\nB' })
  })
})
