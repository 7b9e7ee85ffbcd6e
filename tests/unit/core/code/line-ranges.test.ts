import { describe, expect, it } from 'vitest'
import { languageForFile, MAX_CODE_STEPS, parseCodeMeta, parseLineSpan } from '../../../../src/core/code/line-ranges'

const lines = (step: Set<number> | 'all' | undefined): number[] | 'all' | undefined => (step instanceof Set ? [...step] : step)

describe('parseCodeMeta', () => {
  it('reads one highlighted range', () => {
    const meta = parseCodeMeta('{3-5}')
    expect(meta.steps?.map(lines)).toEqual([[3, 4, 5]])
    expect(meta.lineNumbers).toBe(true)
    expect(meta.problems).toEqual([])
  })

  it('reads steps separated by | (one fragment per step after the first)', () => {
    const meta = parseCodeMeta('{1|3-5,8|*}')
    expect(meta.steps?.map(lines)).toEqual([[1], [3, 4, 5, 8], 'all'])
  })

  it('reads start= and nonumbers, and names what it ignores', () => {
    const meta = parseCodeMeta('{2} start=12 nonumbers title="x"')
    expect(meta.startLine).toBe(12)
    expect(meta.lineNumbers).toBe(false)
    expect(meta.problems.join(' ')).toContain('title="x"')
  })

  it('gives no highlight and no problem without meta', () => {
    expect(parseCodeMeta(undefined)).toEqual({ steps: null, lineNumbers: true, startLine: 1, problems: [] })
    expect(parseCodeMeta('')).toMatchObject({ steps: null, problems: [] })
  })

  it('keeps the good steps of a bad spec and says what was wrong', () => {
    const meta = parseCodeMeta('{1|x-3|5-2}')
    expect(meta.steps?.map(lines)).toEqual([[1]])
    expect(meta.problems).toHaveLength(2)
    expect(meta.problems[0]).toContain('"x-3"')
  })

  it('caps the number of steps', () => {
    const spec = Array.from({ length: MAX_CODE_STEPS + 5 }, (_, i) => String(i + 1)).join('|')
    const meta = parseCodeMeta(`{${spec}}`)
    expect(meta.steps).toHaveLength(MAX_CODE_STEPS)
    expect(meta.problems[0]).toContain(`only the first ${MAX_CODE_STEPS}`)
  })
})

describe('parseLineSpan', () => {
  it('reads ranges, open ends and single lines within the file', () => {
    expect(parseLineSpan('12-40', 100)).toEqual({ from: 12, to: 40 })
    expect(parseLineSpan('12-', 100)).toEqual({ from: 12, to: 100 })
    expect(parseLineSpan('-5', 100)).toEqual({ from: 1, to: 5 })
    expect(parseLineSpan('7', 100)).toEqual({ from: 7, to: 7 })
    expect(parseLineSpan(undefined, 30)).toEqual({ from: 1, to: 30 })
  })

  it('clips a range that runs past the end, and refuses one that starts after it', () => {
    expect(parseLineSpan('90-200', 100)).toEqual({ from: 90, to: 100 })
    expect(parseLineSpan('120-130', 100)).toEqual({ error: expect.stringContaining('has 100 lines') })
    expect(parseLineSpan('abc', 100)).toEqual({ error: expect.stringContaining('lines="12-40"') })
    expect(parseLineSpan('9-3', 100)).toEqual({ error: expect.stringContaining('run upwards') })
  })
})

describe('languageForFile', () => {
  it('knows the files of an ML project', () => {
    expect(languageForFile('src/models/train_model.py')).toBe('python')
    expect(languageForFile('dockerfiles/train.dockerfile')).toBe('docker')
    expect(languageForFile('Dockerfile')).toBe('docker')
    expect(languageForFile('configs/config.yaml')).toBe('yaml')
    expect(languageForFile('.github/workflows/tests.yml')).toBe('yaml')
    expect(languageForFile('pyproject.toml')).toBe('toml')
    expect(languageForFile('Makefile')).toBe('make')
    expect(languageForFile('data.bin')).toBeUndefined()
  })
})
