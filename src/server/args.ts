/**
 * Command-line options of browser mode (`npm run web -- --deck DIR --port N`),
 * read with Node's util.parseArgs: `--port 8080` and `--port=8080` both work,
 * and a mistake gets a sentence saying what to type instead.
 */
import { parseArgs } from 'node:util'
import { resolve } from 'node:path'

/** Default port of `npm run web`. */
export const DEFAULT_PORT = 5317

export const USAGE = [
  'Usage: npm run web -- [--deck DIR] [--port N]',
  '  --deck DIR  deck folder (slides/, models/, runs/); default: the current folder',
  '  --port N    port on 127.0.0.1 (0 = any free port); default 5317'
].join('\n')

export type ServerArgs = { help: true } | { help: false; deck: string; port: number }

/** A command line that cannot be used; the message says why. */
export class ArgsError extends Error {}

/** Reads browser mode's options from `argv` (without node and the script); relative decks resolve against `cwd`. */
export function parseServerArgs(argv: string[], cwd: string): ServerArgs {
  let values: { deck?: string | undefined; port?: string | undefined; help?: boolean | undefined }
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: { deck: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false
    }))
  } catch (error) {
    throw new ArgsError(`${(error instanceof Error ? error.message : String(error)).split('\n')[0]} Try --help.`)
  }
  if (values.help) return { help: true }
  let port = DEFAULT_PORT
  if (values.port !== undefined) {
    const text = values.port.trim()
    port = /^\d+$/.test(text) ? Number(text) : Number.NaN
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ArgsError(`--port must be a number from 0 to 65535, got "${values.port}".`)
  }
  if (values.deck !== undefined && values.deck.trim() === '') throw new ArgsError('--deck needs a folder, e.g. --deck ../my-exam.')
  return { help: false, deck: resolve(cwd, values.deck ?? '.'), port }
}
