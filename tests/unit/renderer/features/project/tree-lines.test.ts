import { describe, expect, it } from 'vitest'
import { treeLines } from '../../../../../src/renderer/src/features/project/tree-lines'
import { linkIndexFromKey, slideIndexFromKey } from '../../../../../src/renderer/src/features/project/presenter-keys'
import type { TreeEntry } from '../../../../../src/shared/types'

const e = (name: string, depth: number, dir = false): TreeEntry => ({ name, depth, dir })

describe('treeLines', () => {
  it('draws the branches `tree` draws', () => {
    const lines = treeLines([e('src', 0, true), e('models', 1, true), e('train.py', 2), e('data.py', 1), e('tests', 0, true), e('README.md', 0)])
    expect(lines.map((l) => l.prefix + l.entry.name)).toEqual([
      '├── src',
      '│   ├── models',
      '│   │   └── train.py',
      '│   └── data.py',
      '├── tests',
      '└── README.md'
    ])
  })
})

describe('presenter keys', () => {
  it('maps digits to links by the physical key (Shift+1 on any layout), 0 to the tenth', () => {
    expect(linkIndexFromKey({ key: '1', code: 'Digit1' })).toBe(0)
    expect(linkIndexFromKey({ key: '!', code: 'Digit1' })).toBe(0)
    expect(linkIndexFromKey({ key: '&', code: 'Digit1' })).toBe(0)
    expect(linkIndexFromKey({ key: '0', code: 'Digit0' })).toBe(9)
    expect(linkIndexFromKey({ key: 'a', code: 'KeyA' })).toBeNull()
  })
  it('never uses the talk keys for slides', () => {
    for (const key of ['b', 'n', 'p', 'q', 't', 'B', 'N']) expect(slideIndexFromKey(key)).toBeNull()
    expect(slideIndexFromKey('a')).toBe(0)
    expect(slideIndexFromKey('S')).toBe(1)
  })
})
