/**
 * Builds with electron-vite when out/ is missing or older than the sources,
 * so `npm start` and `npm run web` work straight after `npm install`.
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { spawnSync } from 'node:child_process'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

function newest(dir) {
  let latest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs)
  }
  return latest
}

/** @param {{ quiet?: boolean }} [options] quiet: build output to stderr, so stdout stays machine-readable (--json). */
export function buildIfNeeded(options = {}) {
  const outDir = resolve(root, process.env.DEMODECK_OUT ?? 'out')
  const marker = join(outDir, 'main', 'server.js')
  const sources = Math.max(newest(join(root, 'src')), statSync(join(root, 'electron.vite.config.ts')).mtimeMs)
  if (existsSync(marker) && existsSync(join(outDir, 'renderer', 'index.html')) && statSync(marker).mtimeMs >= sources) return
  ;(options.quiet ? console.error : console.log)('demodeck: building…')
  const result = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: root,
    stdio: options.quiet ? ['ignore', 2, 2] : 'inherit'
  })
  if (result.status !== 0) {
    console.error('demodeck: the build failed (see above).')
    process.exit(result.status ?? 1)
  }
}
