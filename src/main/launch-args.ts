/**
 * The deck folder named at launch: `--deck DIR` or `--deck=DIR` on the
 * command line (read with util.parseArgs among Chromium's own switches), else
 * DEMODECK_DECK. Where neither names one, deck-location.ts decides.
 */
import { parseArgs } from 'node:util'
import { resolve } from 'node:path'

/** The deck folder named by Electron's argv (`process.argv`, Chromium switches included) or the environment. */
export function namedDeck(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  cwd = process.cwd()
): { path: string; source: 'argument' | 'environment' } | undefined {
  const { values } = parseArgs({ args: argv.slice(1), options: { deck: { type: 'string' } }, strict: false, allowPositionals: true })
  const argument = values['deck']
  if (typeof argument === 'string' && argument.trim()) return { path: resolve(cwd, argument), source: 'argument' }
  const fromEnv = env['DEMODECK_DECK']
  return fromEnv ? { path: resolve(cwd, fromEnv), source: 'environment' } : undefined
}
