import { describe, expect, it } from 'vitest'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_HEADER, injectContentSecurityPolicy } from '../../../src/shared/csp'
import { CONTENT_SECURITY_POLICY as SERVER_POLICY } from '../../../src/server/http-server'

const source = readFileSync(join(import.meta.dirname, '../../../src/renderer/index.html'), 'utf8')

describe('one Content Security Policy', () => {
  it('is strict: nothing by default, no eval, scripts only from the app', () => {
    expect(CONTENT_SECURITY_POLICY).toMatch(/^default-src 'none'/)
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self';")
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/)
  })

  it('is written once: index.html holds a placeholder the build fills, the server sends the same policy', () => {
    expect(source).toContain('content="%DEMODECK_CSP%"')
    expect(source).not.toMatch(/default-src/)
    expect(injectContentSecurityPolicy(source)).toContain(`content="${CONTENT_SECURITY_POLICY}"`)
    expect(SERVER_POLICY).toBe(CONTENT_SECURITY_POLICY_HEADER)
    expect(CONTENT_SECURITY_POLICY_HEADER.startsWith(CONTENT_SECURITY_POLICY)).toBe(true)
    expect(() => injectContentSecurityPolicy('<html></html>')).toThrow(/placeholder/)
  })

  // `npm test` builds before the unit tests; a lone vitest run may have no build.
  const built = join(import.meta.dirname, '../../../', process.env['DEMODECK_OUT'] ?? 'out', 'renderer', 'index.html')
  it.skipIf(!existsSync(built))('is what the built renderer carries', () => {
    expect(readFileSync(built, 'utf8')).toContain(`content="${CONTENT_SECURITY_POLICY}"`)
  })
})
