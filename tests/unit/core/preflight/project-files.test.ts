import { describe, expect, it } from 'vitest'
import { parseDeck } from '../../../../src/core/deck/parse-deck'
import { runPreflight } from '../../../../src/core/preflight/checks'
import type { PreflightFacts } from '../../../../src/core/preflight/facts'
import type { ProjectFileTrial } from '../../../../src/core/preflight/project-files'

const DECK = `# 1 · Problem

::checklist{src="../README.md"}

---

# 2 · Framework

::code{src="../.env"}

::tree
`

function facts(projectFiles: ProjectFileTrial[] | undefined): PreflightFacts {
  const sources = [{ path: 'slides/deck.md', text: DECK }]
  return {
    deck: parseDeck(sources, '/deck'),
    sources,
    files: [],
    models: [],
    trials: [],
    runs: [],
    layout: null,
    sync: null,
    now: 0,
    ...(projectFiles ? { projectFiles } : {})
  }
}

describe('the Project files check', () => {
  it('a file a slide cannot show is an error at the line of its directive', () => {
    const report = runPreflight(
      facts([
        { slide: 0, directive: 'checklist', src: '../README.md' },
        {
          slide: 1,
          directive: 'code',
          src: '../.env',
          problem: { code: 'bad_request', message: 'src="../.env" looks like a secrets file (.env); demodeck never shows one on a slide.' }
        },
        { slide: 1, directive: 'tree', src: '.', problem: { code: 'not_found', message: '. does not exist.' } }
      ])
    )
    const check = report.checks.find((c) => c.id === 'project')!
    expect(check.title).toBe('Project files')
    expect(check.status).toBe('fail')
    expect(check.summary).toBe('1 of 3 project files readable (::code, ::checklist, ::tree)')
    expect(check.findings.map((f) => [f.code, f.severity, f.slide, f.line])).toEqual([
      ['project/refused', 'error', 1, 9],
      ['project/missing', 'error', 1, 11]
    ])
    expect(check.findings[0]!.message).toBe(
      'Slide 2: ::code{src="../.env"} cannot show its file: src="../.env" looks like a secrets file (.env); demodeck never shows one on a slide. The audience would see "not available" there.'
    )
    expect(report.ok).toBe(false)
  })

  it('passes when every file reads, and is skipped when the host did not look', () => {
    const ok = runPreflight(facts([{ slide: 0, directive: 'checklist', src: '../README.md' }]))
    expect(ok.checks.find((c) => c.id === 'project')!.status).toBe('pass')
    expect(runPreflight(facts(undefined)).checks.find((c) => c.id === 'project')!.status).toBe('skipped')
  })
})
