/** `npm run check -- [--deck DIR] [--json] [--no-browser]`: builds if needed, then runs the preflight (out/main/check.js). */
import { spawn } from 'node:child_process'
import { join, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildIfNeeded } from './build-if-needed.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
buildIfNeeded({ quiet: process.argv.includes('--json') })
const entry = join(root, process.env.DEMODECK_OUT ?? 'out', 'main', 'check.js')
const child = spawn(process.execPath, [entry, ...process.argv.slice(2)], {
  stdio: 'inherit',
  cwd: process.cwd(),
  env: { ORT_DISABLE_TELEMETRY: '1', ...process.env }
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 1))
