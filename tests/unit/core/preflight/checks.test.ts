import { describe, expect, it } from 'vitest'
import { parseDeck } from '../../../../src/core/deck/parse-deck'
import { findAssetRefs, isRemoteUrl, resolveLocal } from '../../../../src/core/preflight/assets'
import { runPreflight } from '../../../../src/core/preflight/checks'
import type { PreflightFacts } from '../../../../src/core/preflight/facts'
import { formatReport } from '../../../../src/core/preflight/format'
import { slideSpans } from '../../../../src/core/preflight/locate'
import { matchPart, readPreflightSettings } from '../../../../src/core/preflight/settings'
import type { ModelInfo, RunInfo } from '../../../../src/shared/types'

const GOOD = `---
title: Good
duration: 6
---

# 1 · Problem
Note:
why

---

# 2 · Model
::model-card{model="m"}

---

# 3 · Data
::chart{runs="r1" metrics="val/loss"}

---

# 4 · Framework

---

# 5 · Use case
::demo{model="m"}
`

const model: ModelInfo = {
  id: 'm',
  name: 'M',
  task: 'text-classification',
  labels: ['a', 'b'],
  inputs: [],
  outputs: [],
  layout: 'hf',
  outputKind: 'logits',
  examples: [],
  warnings: [],
  errors: []
}
const run: RunInfo = { id: 'r1', name: 'r1', source: 'jsonl', metrics: ['val_loss', 'train_loss'], steps: 3, config: {}, summary: {}, warnings: [] }

function facts(text: string, over: Partial<PreflightFacts> = {}): PreflightFacts {
  const sources = [{ path: 'slides/deck.md', text }]
  return {
    deck: parseDeck(sources, '/deck'),
    sources,
    files: [],
    models: [model],
    trials: [
      {
        id: 'm',
        parity: {
          samples: 2,
          maxAbsDiff: 0,
          tolerance: 1e-4,
          ok: true,
          checkedAt: '',
          message: 'ok',
          status: 'ok',
          exportParity: { maxAbsDiff: 0, ok: true, samples: 2 },
          findings: []
        }
      }
    ],
    runs: [run],
    layout: [{ viewport: { width: 1280, height: 720 }, overflow: [], source: 'test' }],
    sync: null,
    now: Date.parse('2026-01-01T10:00:00Z'),
    ...over
  }
}

const codes = (r: ReturnType<typeof runPreflight>): string[] => r.checks.flatMap((c) => c.findings.map((f) => f.code))

describe('runPreflight', () => {
  it('passes a five-part deck whose components resolve, and says what it skipped', () => {
    const report = runPreflight(facts(GOOD))
    expect(report.ok).toBe(true)
    expect(report.errors).toBe(0)
    expect(report.checks.find((c) => c.id === 'plan')!.summary).toBe('5 slides (plan 5 ± 1); all 5 parts found')
    expect(report.checks.find((c) => c.id === 'clock')!.status).toBe('skipped')
    expect(formatReport(report)).toMatch(/Ready: no errors\.$/)
  })

  it('Q&A backup slides are outside the plan and the timing: the talk still has five slides', () => {
    const backups = '\n---\n\n<!-- backup -->\n# Backup: the model in detail\n\n---\n\n<!-- backup -->\n# Backup: more data\n'
    const report = runPreflight(facts(GOOD + backups))
    expect(report.ok).toBe(true)
    expect(report.checks.find((c) => c.id === 'plan')!.summary).toBe('5 slides (plan 5 ± 1) + 2 backup; all 5 parts found')
    expect(codes(report)).not.toContain('timing/no-time')
    const tooMany = runPreflight(facts(GOOD + '\n---\n# 6\n---\n# 7' + backups))
    expect(tooMany.checks.find((c) => c.id === 'plan')!.findings[0]!.message).toMatch(
      /^The deck has 7 slides in the talk \(and 2 backup\); the plan is 5 ± 1/
    )
  })

  it('an unknown model, unmatched runs and an unlogged metric are errors at their line', () => {
    const text = GOOD.replace('::model-card{model="m"}', '::model-card{model="nope"}').replace('metrics="val/loss"', 'metrics="val/bleu"')
    const report = runPreflight(facts(text))
    const card = report.checks.find((c) => c.id === 'directives')!.findings
    expect(card.map((f) => [f.code, f.line, f.slide])).toEqual([
      ['directive/unknown-model', 13, 1],
      ['directive/unknown-metric', 18, 2]
    ])
    expect(card[0]!.message).toContain('the deck has m')
    expect(card[1]!.message).toContain('they log val/loss, train/loss')
    expect(report.ok).toBe(false)
    expect(formatReport(report)).toContain('slides/deck.md:13 · slide 2')
  })

  it('a W&B run that was never synced is an offline error on its chart slide', () => {
    const ghost: RunInfo = {
      ...run,
      id: 'w',
      name: 'w',
      steps: 0,
      metrics: [],
      warnings: [{ code: 'wandb/not-synced', message: 'W&B run a/b/c is not synced yet.' }]
    }
    const report = runPreflight(facts(GOOD.replace('runs="r1" metrics="val/loss"', 'runs="w"'), { runs: [run, ghost] }))
    const f = report.checks.find((c) => c.id === 'runs')!.findings
    expect(f.map((x) => [x.code, x.slide, x.line])).toEqual([['runs/not-cached', 2, 18]])
  })

  it('failed parity and a model that cannot load are errors when a slide uses the model, warnings otherwise', () => {
    const bad = { ...model, id: 'x', errors: [{ code: 'model/x', message: 'model.onnx is truncated' }] }
    const report = runPreflight(
      facts(GOOD, {
        models: [model, bad],
        trials: [
          {
            id: 'm',
            parity: {
              samples: 1,
              maxAbsDiff: 0.05,
              tolerance: 1e-4,
              ok: false,
              checkedAt: '',
              message: 'differs by 5e-2',
              status: 'failed',
              exportParity: { maxAbsDiff: 0.05, ok: false, samples: 1 },
              findings: []
            }
          }
        ]
      })
    )
    const f = report.checks.find((c) => c.id === 'models')!.findings
    expect(f.map((x) => [x.code, x.severity])).toEqual([
      ['model/parity', 'error'],
      ['model/cannot-load', 'warning']
    ])
  })

  it('slide count off the plan, missing parts, budgets over the duration', () => {
    const text = `---\nslides: 3\n---\n<!-- budget: 5:00 -->\n# Intro\n\n---\n<!-- budget: 2:00 -->\n# Model\n\n---\n# Outro\n\n---\n# Extra\n\n---\n# More\n`
    const report = runPreflight(facts(text, { layout: null, layoutNote: 'no Chromium' }))
    expect(codes(report)).toEqual(expect.arrayContaining(['plan/slide-count', 'plan/part-missing', 'timing/over', 'timing/no-time']))
    expect(report.checks.find((c) => c.id === 'plan')!.findings[0]!.message).toContain('the plan is 3 ± 1')
    expect(report.checks.find((c) => c.id === 'layout')).toMatchObject({ status: 'skipped', summary: 'not checked at 1280×720: no Chromium' })
  })

  it('overflow at 1280×720 and at the projector, and tiny text on the projector', () => {
    const text = GOOD.replace('title: Good', 'title: Good\nprojector: 1024x768')
    const report = runPreflight(
      facts(text, {
        layout: [
          { viewport: { width: 1280, height: 720 }, overflow: [{ slide: 3, px: 120 }], source: 'test' },
          { viewport: { width: 1024, height: 768 }, overflow: [{ slide: 3, px: 120 }], smallestText: { slide: 1, px: 9.5 }, source: 'test' }
        ]
      })
    )
    const f = report.checks.find((c) => c.id === 'layout')!.findings
    expect(f.map((x) => [x.code, x.slide, x.severity])).toEqual([
      ['layout/overflow', 3, 'error'],
      ['layout/overflow', 3, 'error'],
      ['layout/small-text', 1, 'warning']
    ])
    expect(f[1]!.message).toContain('1024×768')
    expect(f[0]!.line).toBe(23)
  })

  it('a slide that never finished loading is named as not measured, neither passed nor failed', () => {
    const report = runPreflight(
      facts(GOOD, {
        layout: [{ viewport: { width: 1280, height: 720 }, overflow: [], unmeasured: [{ slide: 3, reason: 'still loading' }], source: 'test' }]
      })
    )
    const layout = report.checks.find((c) => c.id === 'layout')!
    expect(layout.status).toBe('warn')
    expect(layout.findings.map((x) => [x.code, x.slide, x.severity])).toEqual([['layout/not-measured', 3, 'warning']])
    expect(layout.findings[0]!.message).toMatch(/^Could not measure slide 4 at 1280×720: still loading\./)
  })

  it('a clock left running from a rehearsal is a warning', () => {
    const now = Date.parse('2026-01-01T10:00:00Z')
    const sync = {
      slide: 0,
      fragment: -1,
      blackout: false,
      version: 3,
      origin: 'x',
      timer: { status: 'running' as const, startedAt: now - 369_000, accumulatedMs: 0 },
      qa: { status: 'idle' as const, startedAt: null, accumulatedMs: 0 }
    }
    const report = runPreflight(facts(GOOD, { sync, now }))
    const clock = report.checks.find((c) => c.id === 'clock')!
    expect(clock.status).toBe('warn')
    expect(clock.findings[0]!.message).toContain('running at 6:09')
    expect(report.ok).toBe(true)
  })

  it('remote and missing assets, with slide and line', () => {
    const text = GOOD.replace('# 4 · Framework', '# 4 · Framework\n\n![x](https://cdn.example.com/a.png)\n\n![y](img/y.png)\n\n![z](img/z.png)')
    const report = runPreflight(facts(text, { files: [{ path: 'slides/img/z.png', bytes: 6 * 1024 * 1024 }] }))
    const f = report.checks.find((c) => c.id === 'assets')!.findings
    expect(f.map((x) => [x.code, x.line, x.slide])).toEqual([
      ['assets/remote', 24, 3],
      ['assets/missing', 26, 3],
      ['assets/large', 28, 3]
    ])
  })
})

describe('findAssetRefs', () => {
  it('finds images, frames, CSS url(), @import, fonts and media links; skips code and plain links', () => {
    const text = [
      '![a](https://x.org/a.png)',
      '[GitHub](https://github.com/me/repo)',
      '[clip](https://x.org/clip.mp4)',
      '<iframe src="https://www.youtube.com/embed/1"></iframe>',
      '<div style="background: url(\'https://x.org/bg.jpg\')"></div>',
      '<style>@import url("https://fonts.googleapis.com/css2?family=Inter");</style>',
      '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">',
      '<video src="media/talk.mp4" poster="media/p.png"></video>',
      '`![not](https://x.org/code.png)`',
      '```',
      '![not](https://x.org/fenced.png)',
      '```'
    ].join('\n')
    expect(findAssetRefs(text).map((r) => [r.kind, r.url, r.line])).toEqual([
      ['image', 'https://x.org/a.png', 1],
      ['media-link', 'https://x.org/clip.mp4', 3],
      ['frame', 'https://www.youtube.com/embed/1', 4],
      ['css-url', 'https://x.org/bg.jpg', 5],
      ['font', 'https://fonts.googleapis.com/css2?family=Inter', 6],
      ['font', 'https://fonts.googleapis.com/css?family=Roboto', 7],
      ['media', 'media/talk.mp4', 8],
      ['image', 'media/p.png', 8]
    ])
  })

  it('tells remote from local and resolves local paths inside slides/', () => {
    expect(isRemoteUrl('//cdn.x.org/a.png')).toBe(true)
    expect(isRemoteUrl('data:image/png;base64,AA')).toBe(false)
    expect(resolveLocal('./img/a%20b.png')).toBe('slides/img/a b.png')
    expect(resolveLocal('../models/x/a.png')).toBe('models/x/a.png')
    expect(resolveLocal('../../etc/passwd')).toBeNull()
    expect(resolveLocal('/abs.png')).toBeNull()
  })
})

describe('settings and lines', () => {
  it('reads the plan and projector from the front matter', () => {
    const s = readPreflightSettings({
      path: 'slides/deck.md',
      text: '---\nslides: 4-7\nprojector: 1024x768\nparts: [problem, results|evaluation]\n---\n# A'
    })
    expect(s.slides).toEqual({ min: 4, max: 7, planned: '4–7' })
    expect(s.viewports).toEqual([
      { width: 1280, height: 720 },
      { width: 1024, height: 768 }
    ])
    expect(s.parts.map((p) => p.name)).toEqual(['problem', 'results|evaluation'])
    expect(matchPart(s.parts[1]!, 'Evaluation on the test set')).toBe('evaluation')
    expect(matchPart(s.parts[0]!, 'No problems here')).toBeNull()
    expect(readPreflightSettings({ path: 'd.md', text: '---\nprojector: big\n---\n' }).findings[0]!.code).toBe('settings/projector')
  })

  it('maps slides to their first written line, fences included', () => {
    const text = '---\ntitle: t\n---\n\n# One\n\n```\n---\n```\n\n---\n\n# Two\n'
    expect(slideSpans([{ path: 'slides/deck.md', text }]).map((s) => s.line)).toEqual([5, 13])
  })
})

describe('no reference.json', () => {
  it('points to the README section that documents reference.json', () => {
    const report = runPreflight(facts(GOOD, { trials: [{ id: 'm', noReference: true }] }))
    const f = report.checks.find((c) => c.id === 'models')!.findings
    expect(f.map((x) => [x.code, x.severity])).toEqual([['model/no-reference', 'warning']])
    expect(f[0]!.message).toContain('section "reference.json" under "Your own model"')
    expect(f[0]!.message).not.toContain('training/README.md')
  })
})
