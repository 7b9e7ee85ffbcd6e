/**
 * Project directives read through the real ProjectService on real files: what
 * the preflight gathers is what the slide would show or fail on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseDeck } from '../../../../src/core/deck/parse-deck'
import { tryProjectFiles } from '../../../../src/host/preflight/project-files'

describe('tryProjectFiles', () => {
  let project: string
  let deckRoot: string
  beforeAll(() => {
    project = mkdtempSync(join(tmpdir(), 'demodeck-project-'))
    mkdirSync(join(project, '.git'))
    mkdirSync(join(project, 'src'))
    writeFileSync(join(project, 'src', 'train.py'), 'import torch\nprint(1)\n')
    writeFileSync(join(project, 'README.md'), '### Week 1\n- [x] Create a git repository (M5)\n')
    writeFileSync(join(project, 'NOTES.md'), '# Notes\nno tasks here\n')
    writeFileSync(join(project, '.env'), 'WANDB_API_KEY=abc\n')
    deckRoot = join(project, 'deck')
    mkdirSync(join(deckRoot, 'slides'), { recursive: true })
  })
  afterAll(() => rmSync(project, { recursive: true, force: true }))

  function trials(markdown: string): ReturnType<typeof tryProjectFiles> {
    const deck = parseDeck([{ path: 'slides/deck.md', text: markdown }], deckRoot)
    return tryProjectFiles(deckRoot, deck)
  }

  it('readable files pass; missing, secret, outside, bad range, no tasks and a file given to ::tree fail with the slide', () => {
    const got = trials(
      [
        '# 1',
        '::code{src="../src/train.py" lines="1-2"}',
        '::checklist{src="../README.md"}',
        '::tree{src=".."}',
        '::tree',
        '---',
        '# 2',
        '::code{src="../src/missing.py"}',
        '::code{src="../.env"}',
        '::tree{src="../.."}',
        '::code{src="../src/train.py" lines="40-58"}',
        '::checklist{src="../NOTES.md"}',
        '::checklist{src="../README.md" groups="Week 9"}',
        '::tree{src="../README.md"}'
      ].join('\n\n')
    )
    expect(got.map((t) => [t.slide, t.directive, t.src, t.problem?.code])).toEqual([
      [0, 'code', '../src/train.py', undefined],
      [0, 'checklist', '../README.md', undefined],
      [0, 'tree', '..', undefined],
      [0, 'tree', '.', undefined],
      [1, 'code', '../src/missing.py', 'not_found'],
      [1, 'code', '../.env', 'bad_request'],
      [1, 'tree', '../..', 'bad_request'],
      [1, 'code', '../src/train.py', 'unprocessable'],
      [1, 'checklist', '../NOTES.md', 'no_tasks'],
      [1, 'checklist', '../README.md', 'no_tasks'],
      [1, 'tree', '../README.md', 'unprocessable']
    ])
    expect(got[5]!.problem!.message).toContain('looks like a secrets file (.env)')
    expect(got[9]!.problem!.message).toContain('has no group named Week 9 (it has Week 1)')
  })

  it('a deck without project directives reads nothing', () => {
    expect(trials('# Only text')).toEqual([])
  })
})
