import { describe, expect, it } from 'vitest'
import { cut, mirrorInputOf, mirrorPredictions, nextMirrorSeq } from '../../../../../src/renderer/src/features/mirror/mirror-input'
import { mirrorInputSchema, MIRROR_LIMITS } from '../../../../../src/shared/mirror'

describe('mirrorInputOf', () => {
  it('passes a short text through and cuts a long one to the limit, saying so', () => {
    expect(mirrorInputOf({ text: 'Forest fire' })).toEqual({ kind: 'text', text: 'Forest fire' })
    const long = mirrorInputOf({ text: 'a'.repeat(10_000) })
    expect(long).toMatchObject({ kind: 'text', truncated: true })
    expect(long?.kind === 'text' && long.text.length).toBe(MIRROR_LIMITS.text)
    expect(mirrorInputSchema.safeParse(long).success).toBe(true)
  })

  it('sends an image as its thumbnail, never the full image, and names a file path', () => {
    const full = `data:image/png;base64,${'A'.repeat(200_000)}`
    expect(mirrorInputOf({ image: full }, 'data:image/jpeg;base64,AAAA')).toEqual({ kind: 'image', thumbnail: 'data:image/jpeg;base64,AAAA' })
    expect(mirrorInputOf({ image: full }, null)).toEqual({ kind: 'image', thumbnail: null })
    expect(mirrorInputOf({ image: 'examples/3.png' })).toEqual({ kind: 'image', thumbnail: null, name: 'examples/3.png' })
    // A thumbnail over the limit is dropped rather than refused by the host.
    expect(mirrorInputOf({ image: full }, full)).toEqual({ kind: 'image', thumbnail: null })
  })

  it('lists tabular values as text, at most the limit, counting the rest', () => {
    expect(mirrorInputOf({ features: { alcohol: 13.2, colour: 'red', ash: null } })).toEqual({
      kind: 'features',
      values: [
        ['alcohol', '13.2'],
        ['colour', 'red'],
        ['ash', '∅']
      ]
    })
    const many = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`f${i}`, i]))
    const input = mirrorInputOf({ features: many })
    expect(input).toMatchObject({ kind: 'features', more: 100 - MIRROR_LIMITS.features })
    expect(mirrorInputSchema.safeParse(input).success).toBe(true)
  })

  it('mirrors a graph node, and nothing before the first input', () => {
    expect(mirrorInputOf({ node: 42 })).toEqual({ kind: 'node', node: 42 })
    expect(mirrorInputOf(null)).toBeNull()
  })
})

describe('mirrorPredictions', () => {
  it('sorts best first, drops non-finite scores and keeps at most the limit', () => {
    const predictions = Array.from({ length: 30 }, (_, i) => ({ label: `class ${i}`, score: i / 30 }))
    predictions.push({ label: 'broken', score: Number.NaN })
    const rows = mirrorPredictions({ predictions })
    expect(rows).toHaveLength(MIRROR_LIMITS.labels)
    expect(rows[0]!.label).toBe('class 29')
    expect(rows.some((r) => r.label === 'broken')).toBe(false)
    expect(mirrorPredictions(null)).toEqual([])
  })
})

describe('cut and nextMirrorSeq', () => {
  it('cuts with an ellipsis and keeps short strings', () => {
    expect(cut('abcdef', 4)).toBe('abc…')
    expect(cut('abc', 4)).toBe('abc')
  })
  it('keeps increasing, also after a reload started again from 0', () => {
    expect(nextMirrorSeq(0, 1_700_000_000_000)).toBe(1_700_000_000_000)
    expect(nextMirrorSeq(1_700_000_000_005, 1_700_000_000_000)).toBe(1_700_000_000_006)
  })
})
