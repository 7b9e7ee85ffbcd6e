/**
 * Serves `::checklist`, `::code` and `::tree`: reads the project files the
 * deck names (see [Note: project files are read, never served] in
 * project-paths.ts), bounded in size, and watches the files it has read so
 * a saved README or training script reaches the slide within a second.
 */
import { closeSync, openSync, readSync, statSync, unwatchFile, watchFile } from 'node:fs'
import { ApiError } from '../../shared/api'
import type { ProjectChecklist, ProjectCode, ProjectTree } from '../../shared/types'
import { parseChecklist } from '../../core/project/checklist'
import { languageForFile, parseLineSpan } from '../../core/code/line-ranges'
import { decodeText } from '../deck/load-deck'
import { findProjectRoot, resolveProjectPath, type ResolvedPath } from './project-paths'
import { buildTree, DEFAULT_TREE_DEPTH, DEFAULT_TREE_MAX } from './project-tree'

/** Largest file `::checklist` or `::code` reads (a README or a source file; anything bigger is a mistake). */
export const MAX_PROJECT_FILE_BYTES = 1024 * 1024
/** Most lines one `::code` shows; a longer range is cut with a note. */
export const MAX_CODE_LINES = 300
/** Files watched at once (each is one stat poll). */
const MAX_WATCHED = 64
const WATCH_INTERVAL_MS = 400

export interface ProjectServiceOptions {
  /** Called with the paths (as decks named them) of watched files that changed. */
  onChange?: (files: string[]) => void
  /** Watch files that were read (default true). */
  watch?: boolean
}

export class ProjectService {
  readonly projectRoot: string
  private readonly watched = new Map<string, Set<string>>()

  constructor(
    private readonly deckRoot: string,
    private readonly options: ProjectServiceOptions = {}
  ) {
    this.projectRoot = findProjectRoot(deckRoot)
  }

  /** The task lists of a markdown file, grouped by heading. */
  checklist(src: string): ProjectChecklist {
    const file = this.resolve(src)
    const text = this.readText(file)
    const parsed = parseChecklist(text)
    return { file: file.shown, ...parsed }
  }

  /** Lines of a source file (all of it, or `lines="12-40"`). */
  code(src: string, lines?: string): ProjectCode {
    const file = this.resolve(src)
    const text = this.readText(file)
    const all = text.replace(/\r\n?/g, '\n').split('\n')
    if (all.length > 1 && all[all.length - 1] === '') all.pop()
    const span = parseLineSpan(lines, all.length)
    if ('error' in span) throw new ApiError('unprocessable', `${file.shown}: ${span.error}.`)
    const to = Math.min(span.to, span.from + MAX_CODE_LINES - 1)
    const result: ProjectCode = {
      file: file.shown,
      text: all.slice(span.from - 1, to).join('\n'),
      from: span.from,
      to,
      totalLines: all.length,
      omittedLines: span.to - to
    }
    const language = languageForFile(file.path)
    if (language) result.language = language
    return result
  }

  /** The folder structure under `src`, .gitignore respected. */
  tree(src: string, depth = DEFAULT_TREE_DEPTH, max = DEFAULT_TREE_MAX): ProjectTree {
    const folder = this.resolve(src)
    let isDir = false
    try {
      isDir = statSync(folder.path).isDirectory()
    } catch {
      // resolve() already proved it exists; a race is reported below
    }
    if (!isDir) throw new ApiError('unprocessable', `${folder.shown} is not a folder: ::tree shows a folder, e.g. ::tree{src=".." depth="2"}.`)
    return buildTree(folder.path, this.projectRoot, folder.shown, depth, max)
  }

  dispose(): void {
    for (const path of this.watched.keys()) unwatchFile(path)
    this.watched.clear()
  }

  private resolve(src: string): ResolvedPath {
    return resolveProjectPath(this.deckRoot, this.projectRoot, src)
  }

  /** Reads a whole text file, bounded, refusing folders and binary files, and starts watching it. */
  private readText(file: ResolvedPath): string {
    // Watch first: a file that is missing now and created later is not seen (resolve threw); one that changes is.
    this.watch(file)
    let stat
    try {
      stat = statSync(file.path)
    } catch (error) {
      throw new ApiError('not_found', `${file.shown} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`)
    }
    if (stat.isDirectory()) throw new ApiError('unprocessable', `${file.shown} is a folder, not a file.`)
    if (stat.size > MAX_PROJECT_FILE_BYTES) {
      throw new ApiError(
        'too_large',
        `${file.shown} is ${(stat.size / 1024 / 1024).toFixed(1)} MB; demodeck shows files up to ${MAX_PROJECT_FILE_BYTES / 1024 / 1024} MB. Point at a smaller file or a part of it.`
      )
    }
    const bytes = readBounded(file.path, MAX_PROJECT_FILE_BYTES)
    if (bytes.subarray(0, 8000).includes(0)) throw new ApiError('unprocessable', `${file.shown} is a binary file, not text.`)
    return decodeText(bytes, file.shown).text
  }

  private watch(file: ResolvedPath): void {
    if (this.options.watch === false) return
    const names = this.watched.get(file.path)
    if (names) {
      names.add(file.shown)
      return
    }
    if (this.watched.size >= MAX_WATCHED) return
    this.watched.set(file.path, new Set([file.shown]))
    watchFile(file.path, { interval: WATCH_INTERVAL_MS, persistent: false }, (current, previous) => {
      if (current.mtimeMs === previous.mtimeMs && current.size === previous.size) return
      this.options.onChange?.([...(this.watched.get(file.path) ?? [])])
    })
  }
}

/** Reads at most `limit` bytes (a file that grows between stat and read never costs more). */
function readBounded(path: string, limit: number): Buffer {
  const fd = openSync(path, 'r')
  try {
    const buffer = Buffer.alloc(Math.min(limit, Math.max(0, statSync(path).size)))
    let offset = 0
    while (offset < buffer.length) {
      const read = readSync(fd, buffer, offset, buffer.length - offset, offset)
      if (read === 0) break
      offset += read
    }
    return buffer.subarray(0, offset)
  } finally {
    closeSync(fd)
  }
}
