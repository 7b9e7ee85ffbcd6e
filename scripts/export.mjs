/**
 * `npm run export -- …` and `npm run figures -- …`: builds if needed, then runs out/main/export.js
 * (`node scripts/export.mjs figures …` is the figures command).
 */
import { spawn } from 'node:child_process'
import { join, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildIfNeeded } from './build-if-needed.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
buildIfNeeded({ quiet: true })
const entry = join(root, process.env.DEMODECK_OUT ?? 'out', 'main', 'export.js')
const child = spawn(process.execPath, [entry, ...process.argv.slice(2)], {
  stdio: 'inherit',
  cwd: process.cwd(),
  env: { ORT_DISABLE_TELEMETRY: '1', ...process.env }
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 1))
