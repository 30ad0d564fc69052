import { describe, expect, it } from 'vitest'
import { handsOutBookmark, parseBookmark, sessionStart } from '../../src/http/d1-bookmark'

const bookmark = '00000085-0000024c-00004c6d-8e61117bf38d7adb71b934ebbf891683'

describe('parseBookmark', () => {
  it('keeps a bookmark in the format D1 makes', () => {
    expect(parseBookmark(bookmark)).toBe(bookmark)
    expect(parseBookmark('00000000-00000039-00000000-00000000000000000000000000000000')).not.toBeNull()
  })

  it('drops anything else, constraints included: where a session starts is not the client’s choice', () => {
    for (const value of [
      undefined,
      '',
      'garbage',
      'first-primary',
      'first-unconstrained',
      bookmark.toUpperCase(),
      `${bookmark}0`,
      ` ${bookmark}`,
      `${bookmark}\n`,
      '0000008-0000024c-00004c6d-8e61117bf38d7adb71b934ebbf891683',
    ])
      expect(parseBookmark(value)).toBeNull()
  })
})

describe('sessionStart', () => {
  it('starts from the bookmark when there is one', () => {
    expect(sessionStart(bookmark, { method: 'GET', path: '/attempts/a/q/1' })).toBe(bookmark)
    expect(sessionStart(bookmark, { method: 'POST', path: '/attempts/a/q/1' })).toBe(bookmark)
  })

  it('lets a read start anywhere, and a post start on the primary, without one', () => {
    expect(sessionStart(null, { method: 'GET', path: '/quiz/x' })).toBe('first-unconstrained')
    expect(sessionStart(null, { method: 'HEAD', path: '/' })).toBe('first-unconstrained')
    expect(sessionStart(null, { method: 'POST', path: '/studio/signin' })).toBe('first-primary')
    expect(sessionStart(null, { method: 'DELETE', path: '/api/studio/x' })).toBe('first-primary')
  })

  it('always starts framed pages on the primary: no bookmark of theirs reaches us', () => {
    for (const path of ['/embed/x', '/embed/a/t/q/1', '/api/embed/t/answers', '/lti/launch', '/lti'])
      for (const method of ['GET', 'POST']) {
        expect(sessionStart(null, { method, path })).toBe('first-primary')
        expect(sessionStart(bookmark, { method, path })).toBe('first-primary')
      }
    for (const path of ['/oembed', '/embedded', '/api/embedding', '/ltix'])
      expect(sessionStart(null, { method: 'GET', path })).toBe('first-unconstrained')
  })
})

describe('handsOutBookmark', () => {
  it('answers a post from a browser we know by a cookie', () => {
    expect(handsOutBookmark({ method: 'POST', path: '/quiz/x/start', knownBrowser: true })).toBe(true)
    expect(handsOutBookmark({ method: 'PUT', path: '/api/studio/x', knownBrowser: true })).toBe(true)
  })

  it('never answers a read, a browser without our cookies, or a framed page', () => {
    expect(handsOutBookmark({ method: 'GET', path: '/attempts/a/q/1', knownBrowser: true })).toBe(false)
    expect(handsOutBookmark({ method: 'HEAD', path: '/', knownBrowser: true })).toBe(false)
    expect(handsOutBookmark({ method: 'POST', path: '/studio/signup', knownBrowser: false })).toBe(false)
    expect(handsOutBookmark({ method: 'POST', path: '/embed/x/start', knownBrowser: true })).toBe(false)
    expect(handsOutBookmark({ method: 'POST', path: '/api/embed/t/answers', knownBrowser: true })).toBe(false)
    expect(handsOutBookmark({ method: 'POST', path: '/lti/launch', knownBrowser: true })).toBe(false)
  })
})
