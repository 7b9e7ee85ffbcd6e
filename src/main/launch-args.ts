/**
 * The deck folder the Electron app opens: `--deck DIR` or `--deck=DIR` on the
 * command line (read with util.parseArgs among Chromium's own switches), else
 * DEMODECK_DECK, else the given default (the bundled example deck).
 */
import { parseArgs } from 'node:util'
import { resolve } from 'node:path'

/** The deck folder from Electron's argv (`process.argv`, Chromium switches included). */
export function deckFolder(argv: readonly string[], env: NodeJS.ProcessEnv, fallback: string, cwd = process.cwd()): string {
  const { values } = parseArgs({ args: argv.slice(1), options: { deck: { type: 'string' } }, strict: false, allowPositionals: true })
  const deck = typeof values['deck'] === 'string' && values['deck'].trim() ? values['deck'] : env['DEMODECK_DECK']
  return deck ? resolve(cwd, deck) : resolve(fallback)
}
