/**
 * Turns the host's flat tree listing into the lines `tree` would print
 * (`├── src/`, `│   └── train.py`). Pure, so it is unit-tested without a DOM.
 */
import type { TreeEntry } from '../../../../shared/types'

export interface TreeLine {
  /** The drawing before the name, e.g. "│   ├── ". */
  prefix: string
  entry: TreeEntry
}

/** true when no later sibling follows entry `i` (the next entry at its depth comes after its parent ends). */
function isLast(entries: TreeEntry[], i: number): boolean {
  const depth = entries[i]!.depth
  for (let k = i + 1; k < entries.length; k++) {
    const d = entries[k]!.depth
    if (d === depth) return false
    if (d < depth) return true
  }
  return true
}

export function treeLines(entries: TreeEntry[]): TreeLine[] {
  const open: boolean[] = [] // open[d]: the ancestor at depth d has siblings still to come
  return entries.map((entry, i) => {
    const last = isLast(entries, i)
    open[entry.depth] = !last
    let prefix = ''
    for (let d = 0; d < entry.depth; d++) prefix += open[d] ? '│   ' : '    '
    prefix += last ? '└── ' : '├── '
    return { prefix, entry }
  })
}
