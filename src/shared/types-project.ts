/** The project behind the deck on the wire: links, the course checklist, code and the repository tree. Re-exported by types.ts. */

// ---------------------------------------------------------------- the project behind the deck (links, checklist, code, tree)

/** What a project link points at, for its icon. */
export type ProjectLinkKind = 'repository' | 'wandb' | 'api-docs' | 'api' | 'cloud' | 'ci' | 'web'

/** One entry of the front matter's `links:`; `url` is always http(s). */
export interface ProjectLink {
  label: string
  url: string
  kind: ProjectLinkKind
}

/** A piece of a checklist item's text: plain, inline code, or a link to evidence (http/https only). */
export interface ChecklistSegment {
  text: string
  code?: boolean
  href?: string
}

export interface ChecklistItem {
  segments: ChecklistSegment[]
  checked: boolean
  /** 0 for a top-level task, 1 for a task nested under it, … */
  depth: number
  /** The course module tag at the end of the item, e.g. "M14" or "M2+M6", shown as a badge. */
  module?: string
}

/** The tasks under one heading (Week 1, Week 2, …). */
export interface ChecklistGroup {
  heading: string
  items: ChecklistItem[]
  done: number
  total: number
}

export interface ProjectChecklist {
  /** The file as the deck named it, relative to the deck folder. */
  file: string
  groups: ChecklistGroup[]
  done: number
  total: number
  /** Items left out past the cap. */
  omitted: number
}

export interface ProjectCode {
  file: string
  text: string
  /** First and last line shown (1-based, inclusive). */
  from: number
  to: number
  totalLines: number
  /** Highlighting language from the file name; absent: plain text. */
  language?: string
  /** Lines of the requested range left out past the cap. */
  omittedLines: number
}

export interface TreeEntry {
  name: string
  dir: boolean
  /** 0 for the entries directly in the tree's root. */
  depth: number
  /** Folders past the depth: how many entries they hold (not listed). */
  collapsed?: number
  symlink?: boolean
  /** A folder that could not be read. */
  unreadable?: boolean
}

export interface ProjectTree {
  /** The folder as the deck named it. */
  root: string
  /** Its name on disk (for ".", the folder's own name). */
  name: string
  entries: TreeEntry[]
  /** Entries not listed because of the cap. */
  omitted: number
  /** Entries skipped because .gitignore ignores them. */
  ignored: number
}
