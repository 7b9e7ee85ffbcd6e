/**
 * The preflight through the real host (`deck:check`): real files, the real
 * inference worker and onnxruntime-node, the real runs scan. The broken deck's
 * expected findings come from tests/fixtures/decks/broken-exam/expected.json
 * (the layout ones need a browser: tests/e2e/preflight.spec.ts checks those).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createHost, type Host } from '../../../../src/host/create-host'
import { forkSourceWorker } from '../../../../src/host/models/node-worker'
import type { PreflightReport } from '../../../../src/shared/preflight'
import type { Deck } from '../../../../src/shared/types'

const repoRoot = resolve(__dirname, '../../../..')
const brokenFixture = join(repoRoot, 'tests/fixtures/decks/broken-exam')

interface Expected {
  code: string
  severity: string
  slide?: number
  line?: number
  message?: string
  browser?: boolean
}

function hostFor(deckRoot: string): { host: Host; changed: Promise<Deck> } {
  let resolveChanged: (deck: Deck) => void = () => undefined
  const changed = new Promise<Deck>((r) => (resolveChanged = r))
  const host = createHost({
    deckRoot,
    spawnWorker: () => forkSourceWorker(),
    emit: (event, payload) => {
      if (event === 'deck:changed') resolveChanged(payload as Deck)
    },
    watch: false
  })
  return { host, changed }
}

describe('deck:check on the broken exam deck', () => {
  let dir: string
  let host: Host
  let changed: Promise<Deck>
  let report: PreflightReport
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'demodeck-preflight-'))
    cpSync(brokenFixture, dir, { recursive: true })
    // A 6 MB slide image (over the 5 MB limit), made here rather than committed.
    writeFileSync(join(dir, 'slides', 'big.png'), Buffer.alloc(6 * 1024 * 1024, 7))
    ;({ host, changed } = hostFor(dir))
    report = (await host.dispatch('deck:check', { clock: false })) as PreflightReport
  }, 120_000)
  afterAll(() => {
    host?.dispose()
    rmSync(dir, { recursive: true, force: true })
  })

  const expected = (JSON.parse(readFileSync(join(brokenFixture, 'expected.json'), 'utf8')) as { findings: Expected[] }).findings
  it.each(expected.filter((e) => !e.browser).map((e) => [`${e.code} ${e.slide ?? ''} ${e.message ?? ''}`, e] as const))(
    'reports %s',
    (_name, want) => {
      const all = report.checks.flatMap((c) => c.findings)
      const hit = all.find(
        (f) =>
          f.code === want.code &&
          (want.slide === undefined || f.slide === want.slide - 1) &&
          (want.message === undefined || f.message.includes(want.message))
      )
      expect(hit, `no ${want.code} finding in:\n${all.map((f) => `${f.code} ${f.slide} ${f.line} ${f.message}`).join('\n')}`).toBeDefined()
      expect(hit!.severity).toBe(want.severity)
      if (want.line !== undefined) expect(hit!.line).toBe(want.line)
    }
  )

  it('fails with errors and says the layout and clocks were not checked here', () => {
    expect(report.ok).toBe(false)
    expect(report.errors).toBeGreaterThanOrEqual(12)
    expect(report.checks.find((c) => c.id === 'layout')!.status).toBe('skipped')
    expect(report.checks.find((c) => c.id === 'clock')!.status).toBe('skipped')
  })

  it('puts the unresolved directives into the deck problems as well', async () => {
    const deck = await changed
    const codes = deck.warnings.map((w) => w.code)
    expect(codes).toEqual(expect.arrayContaining(['directive/unknown-model', 'directive/runs-unmatched', 'directive/unknown-metric']))
    expect(deck.warnings.find((w) => w.code === 'directive/unknown-model')).toMatchObject({ slide: 1, file: 'slides/deck.md' })
    expect(host.deck().warnings.length).toBe(deck.warnings.length)
  })

  it('a talk clock left running shows as a warning when the app asks', async () => {
    await host.dispatch('sync:update', { origin: 't', timer: { status: 'running', startedAt: Date.now() - 369_000, accumulatedMs: 0 } })
    const withClock = (await host.dispatch('deck:check', {})) as PreflightReport
    const clock = withClock.checks.find((c) => c.id === 'clock')!
    expect(clock.status).toBe('warn')
    expect(clock.findings[0]!.message).toMatch(/talk clock is running at 6:(09|1\d)/)
  }, 60_000)
})

describe('deck:check on the example deck', () => {
  it('passes: every component resolves (the A/B pair and the drift model too), every model passes parity, the runs are in the deck', async () => {
    const { host } = hostFor(repoRoot)
    try {
      const report = (await host.dispatch('deck:check', { clock: false })) as PreflightReport
      const errors = report.checks.flatMap((c) => c.findings.filter((f) => f.severity === 'error'))
      expect(errors).toEqual([])
      expect(report.ok).toBe(true)
      expect(report.checks.find((c) => c.id === 'models')!.summary).toBe('3 models on slides; 3 loaded and run, 3 passed parity')
      expect(report.checks.find((c) => c.id === 'plan')!.status).toBe('pass')
    } finally {
      host.dispose()
    }
  }, 120_000)

  it('rejects a layout measurement that is not one', async () => {
    const { host } = hostFor(repoRoot)
    try {
      await expect(host.dispatch('deck:check', { layout: [{ viewport: { width: 'wide' } }] })).rejects.toThrow(/Invalid request for deck:check/)
    } finally {
      host.dispose()
    }
  })
})
