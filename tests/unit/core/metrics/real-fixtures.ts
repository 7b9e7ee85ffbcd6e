/** Locations of the shared real fixtures (never copied into the repo); tests skip when absent. */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'

const repoRoot = resolve(__dirname, '..', '..', '..', '..')
/** ../shared/fixtures/real relative to the repo root. */
export const REAL = resolve(repoRoot, '..', 'shared', 'fixtures', 'real')
export const hasReal = existsSync(REAL)
export const realPath = (...parts: string[]): string => resolve(REAL, ...parts)
/** Describe-block label that says why it is skipped when the fixtures are absent. */
export const SKIP_REASON = hasReal ? 'real files' : 'SKIPPED: real fixtures not found at ../shared/fixtures/real'
