/** `npm run web -- [--deck DIR] [--port N]`: builds if needed, then serves demodeck on 127.0.0.1. */
import { spawn } from 'node:child_process'
import { join, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildIfNeeded } from './build-if-needed.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
buildIfNeeded()
const server = join(root, process.env.DEMODECK_OUT ?? 'out', 'main', 'server.js')
const child = spawn(process.execPath, [server, ...process.argv.slice(2)], { stdio: 'inherit', cwd: process.cwd() })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))
