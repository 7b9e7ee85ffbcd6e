/**
 * The project's folder structure for `::tree`: folders first, then files,
 * skipping what git ignores (every `.gitignore` from the project root down,
 * read with the `ignore` package, which implements git's matching rules), and
 * `.git` itself. Folders past the depth are collapsed to a count; the listing
 * stops at a cap, and an ignored folder (node_modules, .venv, data/) is never
 * entered, so a huge checkout costs no more than its visible part.
 */
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs'
import { basename, dirname, join, relative, sep } from 'node:path'
import ignore, { type Ignore } from 'ignore'
import type { ProjectTree, TreeEntry } from '../../shared/types'

export const DEFAULT_TREE_DEPTH = 2
export const DEFAULT_TREE_MAX = 80
/** Directory reads per tree, whatever the depth: bounds the time on a huge folder. */
const MAX_DIRECTORY_READS = 2000
/** A .gitignore larger than this is not read (it is not a real one). */
const MAX_GITIGNORE_BYTES = 256 * 1024

interface Rules {
  base: string
  ig: Ignore
}

function readRules(dir: string): Rules | null {
  const file = join(dir, '.gitignore')
  try {
    const stat = statSync(file)
    if (!stat.isFile() || stat.size > MAX_GITIGNORE_BYTES) return null
    return { base: dir, ig: ignore().add(readFileSync(file, 'utf8')) }
  } catch {
    return null
  }
}

/** Whether git would ignore `path`: rules from outer to inner folders, the innermost match decides (negations included). */
function isIgnored(path: string, dir: boolean, rules: Rules[]): boolean {
  let ignored = false
  for (const { base, ig } of rules) {
    const rel = relative(base, path).split(sep).join('/')
    if (rel === '' || rel.startsWith('..')) continue
    const result = ig.test(dir ? `${rel}/` : rel)
    if (result.ignored) ignored = true
    else if (result.unignored) ignored = false
  }
  return ignored
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' })

/** Builds the tree of `root` (a real, allowed folder) within `projectRoot`. */
export function buildTree(root: string, projectRoot: string, shown: string, depth = DEFAULT_TREE_DEPTH, max = DEFAULT_TREE_MAX): ProjectTree {
  // The rules of every folder from the project root down to the tree's root apply to it.
  const rules: Rules[] = []
  const chain: string[] = []
  for (let dir = root; ; dir = dirname(dir)) {
    chain.unshift(dir)
    if (dir === projectRoot || dirname(dir) === dir || relative(projectRoot, dir).startsWith('..')) break
  }
  for (const dir of chain) {
    const found = readRules(dir)
    if (found) rules.push(found)
  }

  const entries: TreeEntry[] = []
  let omitted = 0
  let ignoredCount = 0
  let reads = 0

  /** Visible children of a folder, sorted: folders first. null when it cannot be read. */
  const list = (dir: string, dirRules: Rules[]): Array<{ name: string; path: string; dir: boolean; symlink: boolean }> | null => {
    if (reads >= MAX_DIRECTORY_READS) return null
    reads += 1
    let items: Dirent[]
    try {
      items = readdirSync(dir, { withFileTypes: true })
    } catch {
      return null
    }
    const out: Array<{ name: string; path: string; dir: boolean; symlink: boolean }> = []
    for (const item of items) {
      if (item.name === '.git') continue
      const path = join(dir, item.name)
      let isDir = item.isDirectory()
      const symlink = item.isSymbolicLink()
      if (symlink) {
        try {
          isDir = statSync(path).isDirectory()
        } catch {
          isDir = false
        }
      }
      if (isIgnored(path, isDir, dirRules)) {
        ignoredCount += 1
        continue
      }
      out.push({ name: item.name, path, dir: isDir, symlink })
    }
    return out.sort((a, b) => (a.dir === b.dir ? collator.compare(a.name, b.name) : a.dir ? -1 : 1))
  }

  const walk = (dir: string, level: number, dirRules: Rules[]): void => {
    const children = list(dir, dirRules)
    if (!children) return
    for (const child of children) {
      if (entries.length >= max) {
        omitted += 1
        continue
      }
      const entry: TreeEntry = { name: child.name, dir: child.dir, depth: level }
      if (child.symlink) entry.symlink = true
      entries.push(entry)
      // Symlinked folders are listed but never entered (they may point anywhere, or loop).
      if (!child.dir || child.symlink) continue
      const nested = readRules(child.path)
      const childRules = nested ? [...dirRules, nested] : dirRules
      if (level + 1 >= depth) {
        const inner = list(child.path, childRules)
        if (inner === null) entry.unreadable = true
        else entry.collapsed = inner.length
      } else {
        const before = entries.length + omitted
        walk(child.path, level + 1, childRules)
        // Nothing listed inside (empty, or all of it ignored): say so instead of an open folder with nothing under it.
        if (entries.length + omitted === before) entry.collapsed = 0
      }
    }
  }
  if (depth > 0) walk(root, 0, rules)

  return { root: shown, name: basename(root), entries, omitted, ignored: ignoredCount }
}
