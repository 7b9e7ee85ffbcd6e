import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MAX_CHECKLIST_ITEMS, parseChecklist } from '../../../../src/core/project/checklist'
import type { ChecklistItem } from '../../../../src/shared/types'

const README = readFileSync(join(__dirname, '../../../fixtures/project/README.md'), 'utf8')
const text = (item: ChecklistItem): string => item.segments.map((s) => s.text).join('')

describe('parseChecklist on a README shaped like the course template', () => {
  const checklist = parseChecklist(README)

  it('groups the tasks under their headings, in order, and skips headings without tasks', () => {
    expect(checklist.groups.map((g) => g.heading)).toEqual(['Week 1', 'Week 2', 'Week 3', 'Extra'])
  })

  it('reads [X], [x] and [ ] and counts per group and in total (nested tasks included)', () => {
    const counts = checklist.groups.map((g) => [g.done, g.total])
    expect(counts).toEqual([
      [6, 8],
      [3, 4],
      [0, 2],
      [1, 2]
    ])
    expect(checklist.done).toBe(10)
    expect(checklist.total).toBe(16)
    expect(checklist.groups[0]!.items[0]).toMatchObject({ checked: true, depth: 0, module: 'M5' })
  })

  it('keeps nested tasks one level deeper, under their parent', () => {
    const week1 = checklist.groups[0]!.items
    const wandb = week1.findIndex((item) => text(item).startsWith('Use Weights & Biases'))
    expect(week1[wandb]).toMatchObject({ depth: 0, module: 'M14' })
    expect(week1[wandb + 1]).toMatchObject({ depth: 1, checked: true })
    expect(week1[wandb + 2]).toMatchObject({ depth: 1, checked: false })
    expect(text(week1[wandb + 2]!)).toBe('log sample predictions')
  })

  it('joins continuation lines, keeps inline code, and moves the module tag into a badge', () => {
    const item = checklist.groups[0]!.items.find((i) => i.module === 'M2+M6')!
    expect(text(item)).toBe(
      'Remember to either fill out the requirements.txt/requirements_dev.txt files or keeping your pyproject.toml/uv.lock up-to-date with whatever dependencies that you are using'
    )
    expect(item.segments.filter((s) => s.code).map((s) => s.text)).toEqual(['requirements.txt', 'requirements_dev.txt', 'pyproject.toml', 'uv.lock'])
    const data = checklist.groups[0]!.items.find((i) => text(i).startsWith('Fill out'))!
    expect(text(data)).toMatch(/preprocesses it \(if necessary\)$/)
    expect(data.module).toBe('M6')
  })

  it('keeps links to evidence (http only) and turns badges into their alt text', () => {
    const week2 = checklist.groups[1]!.items
    const ci = week2.find((i) => text(i).startsWith('Get some continuous'))!
    expect(ci.segments.find((s) => s.href)).toEqual({ text: 'CI run', href: 'https://github.com/example/tweets/actions/runs/123' })
    expect(ci.module).toBe('M17')
    const coverage = week2.find((i) => text(i).startsWith('Calculate'))!
    expect(coverage.segments.find((s) => s.href)).toEqual({ text: 'coverage', href: 'https://codecov.io/gh/example/tweets' })
    const deploy = week2.find((i) => text(i).startsWith('Deploy'))!
    // A link into the repository itself has no web address here: it stays as text.
    expect(deploy.segments.some((s) => s.href)).toBe(false)
    expect(text(deploy)).toContain('our notes')
    const nested = checklist.groups[0]!.items.find((i) => text(i).startsWith('log the loss'))!
    expect(nested.segments.find((s) => s.href)?.href).toBe('https://wandb.ai/example/tweets/reports/Loss--VmlldzoxMjM0')
  })

  it('ignores task syntax inside code blocks', () => {
    expect(checklist.groups.flatMap((g) => g.items).some((i) => text(i).includes('this is code'))).toBe(false)
  })
})

describe('parseChecklist on other inputs', () => {
  it('finds nothing in a README without task lists', () => {
    expect(parseChecklist('# Title\n\n- a plain list\n- [link](https://x.y)\n')).toEqual({ groups: [], done: 0, total: 0, omitted: 0 })
    expect(parseChecklist('')).toEqual({ groups: [], done: 0, total: 0, omitted: 0 })
  })

  it('puts tasks before any heading into one group without a name', () => {
    const parsed = parseChecklist('- [x] one\n- [ ] two\n')
    expect(parsed.groups).toEqual([expect.objectContaining({ heading: '', done: 1, total: 2 })])
  })

  it('caps the number of items and says how many were left out', () => {
    const many = Array.from({ length: MAX_CHECKLIST_ITEMS + 7 }, (_, i) => `- [ ] task ${i}`).join('\n')
    const parsed = parseChecklist(many)
    expect(parsed.total).toBe(MAX_CHECKLIST_ITEMS)
    expect(parsed.omitted).toBe(7)
  })
})
