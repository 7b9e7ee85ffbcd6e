import { describe, expect, it } from 'vitest'
import { isSafeExternalUrl, linkKey, linkKind, readLinks, wandbRunUrl } from '../../../../src/core/project/links'
import { parseDeck } from '../../../../src/core/deck/parse-deck'
import type { Problem } from '../../../../src/shared/types'

describe('isSafeExternalUrl', () => {
  it('allows http and https addresses', () => {
    expect(isSafeExternalUrl('https://github.com/me/project')).toBe(true)
    expect(isSafeExternalUrl('http://127.0.0.1:8000/docs')).toBe(true)
  })
  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'ms-msdt:/id PCWDiagnostic',
    'smb://server/share',
    'https://user:secret@example.com/',
    '//example.com/no-scheme',
    'not a url',
    ''
  ])('refuses %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false)
  })
  it('refuses non-strings', () => {
    expect(isSafeExternalUrl(undefined)).toBe(false)
    expect(isSafeExternalUrl(42)).toBe(false)
  })
})

describe('readLinks', () => {
  it('reads a list of { label, url }, bare URLs and a label → url map', () => {
    const problems: Problem[] = []
    expect(
      readLinks(
        [
          { label: 'Repository', url: 'https://github.com/me/tweets' },
          'https://tweets-api-abc123-ew.a.run.app/docs',
          { name: 'W&B', href: 'https://wandb.ai/me/tweets' }
        ],
        problems
      )
    ).toEqual([
      { label: 'Repository', url: 'https://github.com/me/tweets', kind: 'repository' },
      { label: 'tweets-api-abc123-ew.a.run.app/docs', url: 'https://tweets-api-abc123-ew.a.run.app/docs', kind: 'api-docs' },
      { label: 'W&B', url: 'https://wandb.ai/me/tweets', kind: 'wandb' }
    ])
    expect(readLinks({ Console: 'https://console.cloud.google.com/run?project=x' }, problems)).toEqual([
      { label: 'Console', url: 'https://console.cloud.google.com/run?project=x', kind: 'cloud' }
    ])
    expect(problems).toEqual([])
  })

  it('skips unsafe or missing URLs with a problem that says why, keeping the rest', () => {
    const problems: Problem[] = []
    const links = readLinks(
      [
        { label: 'Local', url: 'file:///home/me/report.pdf' },
        { label: 'Evil', url: 'javascript:alert(1)' },
        { label: 'Secret', url: 'https://me:hunter2@example.com' },
        { label: 'Nothing' },
        { label: 'OK', url: 'https://example.com' }
      ],
      problems,
      'slides/deck.md'
    )
    expect(links.map((l) => l.label)).toEqual(['OK'])
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining('only http:// and https://'),
      expect.stringContaining('only http:// and https://'),
      expect.stringContaining('credentials'),
      expect.stringContaining('has no url')
    ])
    expect(problems.every((p) => p.code === 'deck/link-invalid' && p.file === 'slides/deck.md')).toBe(true)
  })

  it('keeps at most ten links (keys 1-9 and 0)', () => {
    const problems: Problem[] = []
    const links = readLinks(
      Array.from({ length: 12 }, (_, i) => `https://example.com/${i}`),
      problems
    )
    expect(links).toHaveLength(10)
    expect(problems).toHaveLength(2)
    expect(linkKey(0)).toBe('1')
    expect(linkKey(9)).toBe('0')
  })

  it('comes from the deck front matter, with problems as deck warnings', () => {
    const deck = parseDeck([
      {
        path: 'slides/deck.md',
        text: '---\ntitle: T\nlinks:\n  - label: Repository\n    url: https://github.com/me/x\n  - label: Bad\n    url: file:///x\n---\n# One\n'
      }
    ])
    expect(deck.links).toEqual([{ label: 'Repository', url: 'https://github.com/me/x', kind: 'repository' }])
    expect(deck.warnings.map((w) => w.code)).toEqual(['deck/link-invalid'])
  })
})

describe('linkKind and wandbRunUrl', () => {
  it('tells repositories, CI, W&B, consoles and APIs apart', () => {
    expect(linkKind('https://github.com/me/x/actions/runs/1')).toBe('ci')
    expect(linkKind('https://console.cloud.google.com/cloud-build/builds?project=x')).toBe('ci')
    expect(linkKind('https://api-xyz.a.run.app/')).toBe('api')
    expect(linkKind('https://example.com/')).toBe('web')
  })
  it("links a run path to its W&B page, on W&B's cloud or a self-hosted server", () => {
    expect(wandbRunUrl('me/tweets/abc123')).toBe('https://wandb.ai/me/tweets/runs/abc123')
    expect(wandbRunUrl('me/tweets/abc123', 'https://wandb.example.org:8443')).toBe('https://wandb.example.org:8443/me/tweets/runs/abc123')
    expect(wandbRunUrl('not/a path/x')).toBeUndefined()
  })
})
