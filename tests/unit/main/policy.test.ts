import { describe, expect, it } from 'vitest'
import { pathToFileURL } from 'node:url'
import { isAppUrl, menuHasDevTools, permissionGranted } from '../../../src/main/policy'

const index = '/opt/demodeck/out/renderer/index.html'
const indexUrl = pathToFileURL(index).href

describe('isAppUrl', () => {
  it('accepts the built index.html with any route hash, nothing else on disk', () => {
    expect(isAppUrl(indexUrl, index, undefined)).toBe(true)
    expect(isAppUrl(`${indexUrl}#/presenter`, index, undefined)).toBe(true)
    expect(isAppUrl(pathToFileURL('/opt/demodeck/out/renderer/other.html').href, index, undefined)).toBe(false)
    expect(isAppUrl('file:///etc/passwd', index, undefined)).toBe(false)
    expect(isAppUrl('not a url', index, undefined)).toBe(false)
  })

  it('matches the dev server by origin, not by prefix', () => {
    const dev = 'http://localhost:5173'
    expect(isAppUrl('http://localhost:5173/#/presenter', index, dev)).toBe(true)
    expect(isAppUrl('http://localhost:5173/some/route', index, `${dev}/`)).toBe(true)
    expect(isAppUrl('http://localhost:51730/', index, dev)).toBe(false)
    expect(isAppUrl('http://localhost:5173.evil.example/', index, dev)).toBe(false)
    expect(isAppUrl('http://localhost:5173@evil.example/', index, dev)).toBe(false)
    expect(isAppUrl('https://localhost:5173/', index, dev)).toBe(false)
    expect(isAppUrl('http://evil.example/', index, dev)).toBe(false)
  })

  it('never lets a dev URL that is not http(s) match other pages', () => {
    expect(isAppUrl('file:///etc/passwd', index, 'file:///')).toBe(false)
    expect(isAppUrl('http://localhost:5173/', index, 'garbage')).toBe(false)
  })
})

describe('permissionGranted', () => {
  it('grants the camera only: never the microphone, never unspecified media', () => {
    expect(permissionGranted('media', ['video'])).toBe(true)
    expect(permissionGranted('media', ['audio'])).toBe(false)
    expect(permissionGranted('media', ['video', 'audio'])).toBe(false)
    expect(permissionGranted('media', ['unknown'])).toBe(false)
    expect(permissionGranted('media', [])).toBe(false)
    expect(permissionGranted('media', undefined)).toBe(false)
  })

  it('grants clipboard writes and denies everything else', () => {
    expect(permissionGranted('clipboard-sanitized-write', undefined)).toBe(true)
    for (const permission of ['geolocation', 'notifications', 'clipboard-read', 'openExternal', 'midi', 'hid', 'fullscreen']) {
      expect(permissionGranted(permission, ['video'])).toBe(false)
    }
  })
})

describe('menuHasDevTools', () => {
  it('offers DevTools in development only', () => {
    expect(menuHasDevTools(false)).toBe(true)
    expect(menuHasDevTools(true)).toBe(false)
  })
})
