/**
 * Which files a deck may show with `::checklist`, `::code` and `::tree`.
 *
 * [Note: project files are read, never served]
 * Paths are relative to the deck folder and may leave it (`../README.md`: a
 * deck kept inside the project's repository shows the project's own files).
 * They may not leave the project: the git repository that holds the deck
 * (the nearest folder up with a `.git`), or the deck's parent folder when
 * there is none. Symlinks are resolved before that check. Files that look like
 * secrets (.env, keys, .netrc, cloud credentials) are refused even inside the
 * project, so a typo never puts a key on the projector. The host reads what is
 * allowed, bounded in size, and sends text or data over the contract channel;
 * nothing here is ever served as a raw file.
 */
import { existsSync, realpathSync } from 'node:fs'
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { ApiError } from '../../shared/api'

/**
 * The folder a deck's project files must stay inside (see the note above), symlinks resolved.
 *
 * [Note: one spelling of every path]
 * The root is a real path (no symlink in it: macOS's /tmp and /var are links to /private/…), because
 * the paths compared with it (`resolveProjectPath`, the `::tree` walk and its .gitignore rules) are
 * real paths too; a root reached through a link would match none of them.
 */
export function findProjectRoot(deckRoot: string): string {
  const deck = realOrSelf(deckRoot)
  let dir = deck
  for (let i = 0; i < 40; i++) {
    if (existsSync(join(dir, '.git'))) return dir
    const up = dirname(dir)
    if (up === dir) break
    dir = up
  }
  return dirname(deck)
}

/** Whether any segment of `path` below `root` is a `.git` folder (any case: macOS and Windows ignore it). */
function inGitFolder(path: string, root: string): boolean {
  return relative(root, path)
    .split(sep)
    .some((segment) => segment.toLowerCase() === '.git')
}

const SECRET_NAMES = [
  /^\.env(\..*)?$/i,
  /^\.netrc$/i,
  /^_netrc$/i,
  /^\.npmrc$/i,
  /^\.pypirc$/i,
  /^\.git-credentials$/i,
  /^id_(rsa|dsa|ecdsa|ed25519)(\.pub)?$/i,
  /\.(pem|key|p12|pfx|keystore|jks)$/i,
  /^credentials(\..*)?$/i,
  /service[-_]?account.*\.json$/i,
  /^application_default_credentials\.json$/i,
  /^secrets?(\..*)?$/i,
  /\.tfstate$/i
]

/** true for file names that commonly hold keys or passwords. */
export function looksLikeSecret(name: string): boolean {
  return SECRET_NAMES.some((pattern) => pattern.test(name))
}

function inside(path: string, root: string): boolean {
  const rel = relative(root, path)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

export interface ResolvedPath {
  /** Absolute path on disk, symlinks resolved. */
  path: string
  /** The path as the deck wrote it, for messages. */
  shown: string
}

/**
 * Resolves a deck-relative path to a real path inside the project, or throws
 * an ApiError whose message says what is wrong and what to write instead.
 */
export function resolveProjectPath(deckRoot: string, projectRoot: string, src: string): ResolvedPath {
  const shown = src.trim()
  if (shown === '') throw new ApiError('bad_request', 'src="" names no file: write a path relative to the deck folder, like src="../README.md".')
  if (isAbsolute(shown) || /^[a-z]:[\\/]/i.test(shown)) {
    throw new ApiError(
      'bad_request',
      `src="${shown}" is an absolute path: write it relative to the deck folder (like "../README.md"), so the deck works on any computer.`
    )
  }
  const wanted = resolve(realOrSelf(deckRoot), shown)
  const root = realOrSelf(projectRoot)
  if (!inside(wanted, resolve(projectRoot)) && !inside(wanted, root)) {
    throw new ApiError(
      'bad_request',
      `src="${shown}" points outside the project (${projectRoot}). demodeck shows files of the project that holds the deck only.`
    )
  }
  if (inGitFolder(wanted, root)) throw new ApiError('bad_request', `src="${shown}" is inside .git: demodeck does not show git's own files.`)
  if (looksLikeSecret(basename(wanted))) {
    throw new ApiError('bad_request', `src="${shown}" looks like a secrets file (${basename(wanted)}); demodeck never shows one on a slide.`)
  }
  let real: string
  try {
    real = realpathSync(wanted)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new ApiError('not_found', `${shown} does not exist (paths are relative to the deck folder ${deckRoot}).`)
    }
    throw new ApiError('not_found', `${shown} cannot be read (${code ?? String(error)}).`)
  }
  if (!inside(real, root)) {
    throw new ApiError('bad_request', `src="${shown}" is a link to ${real}, outside the project (${projectRoot}); demodeck does not follow it.`)
  }
  // A link elsewhere in the project can lead into .git (deck/gitconfig.txt → ../.git/config holds the remote URL and its token).
  if (inGitFolder(real, root)) {
    throw new ApiError('bad_request', `src="${shown}" leads into .git (${relative(root, real)}): demodeck does not show git's own files.`)
  }
  if (looksLikeSecret(basename(real))) {
    throw new ApiError('bad_request', `src="${shown}" leads to a secrets file (${basename(real)}); demodeck never shows one on a slide.`)
  }
  return { path: real, shown }
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path)
  } catch {
    return resolve(path)
  }
}
