/**
 * `npm start [-- --deck DIR]`: makes sure the Electron binary is there (runs
 * electron's own installer when it is missing), builds if needed and opens
 * the app. Where Electron cannot start it says why in one line and serves the
 * same deck in browser mode instead (opening the system browser where there is
 * one), so `npm start` always ends up presenting.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildIfNeeded } from './build-if-needed.mjs'

const startedAt = Date.now()
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const electronDir = join(root, 'node_modules', 'electron')

/** The binary electron's installer left, read without require('electron') (which would try a download itself). */
function electronBinary() {
  try {
    const relative = readFileSync(join(electronDir, 'path.txt'), 'utf8').trim()
    const path = join(electronDir, 'dist', relative)
    return existsSync(path) ? path : null
  } catch {
    return null
  }
}

/** The command that opens a URL in the system browser, or null where there is no desktop to open it on. */
function browserOpener() {
  if (process.env.CI || process.env.DEMODECK_NO_BROWSER) return null
  if (process.platform === 'darwin') return ['open']
  if (process.platform === 'win32') return ['cmd', '/c', 'start', '""']
  return process.env.DISPLAY || process.env.WAYLAND_DISPLAY ? ['xdg-open'] : null
}

/** Browser mode on the same deck: what `npm start` does wherever Electron cannot start. */
function fallBackToBrowserMode(reason) {
  console.error(`demodeck: Electron cannot start here (${reason}); serving the deck in browser mode instead.`)
  const opener = browserOpener()
  const server = spawn(process.execPath, [join(root, 'scripts', 'web.mjs'), ...process.argv.slice(2)], { stdio: ['ignore', 'pipe', 'inherit'] })
  let opened = false
  server.stdout.on('data', (chunk) => {
    process.stdout.write(chunk)
    const url = /demodeck ready at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(chunk.toString())?.[1]
    if (url && opener && !opened) {
      opened = true
      const [command, ...args] = opener
      spawn(command, [...args, url], { stdio: 'ignore', detached: true })
        .on('error', () => undefined)
        .unref()
    }
  })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
  server.on('exit', (code) => process.exit(code ?? 0))
}

/** The Electron binary, downloading it with electron's own installer on first use; or why there is none. */
function ensureElectron() {
  if (process.env.DEMODECK_NO_ELECTRON) return { reason: 'DEMODECK_NO_ELECTRON is set' }
  const found = electronBinary()
  if (found) return { binary: found }
  const installer = join(electronDir, 'install.js')
  if (!existsSync(installer)) return { reason: 'the electron package is not installed; run `npm install`' }
  console.log('demodeck: downloading the Electron binary (first start only)…')
  const result = spawnSync(process.execPath, [installer], {
    cwd: electronDir,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' }
  })
  const binary = electronBinary()
  if (binary) return { binary }
  const detail = (result.stderr?.toString() ?? '').split('\n').find((line) => /error|ENOTFOUND|ECONN|EAI_AGAIN|timed out/i.test(line))
  return { reason: `its binary could not be downloaded${detail ? `: ${detail.trim().slice(0, 120)}` : ''}` }
}

buildIfNeeded()
const electron = ensureElectron()
if (!electron.binary) {
  fallBackToBrowserMode(electron.reason)
} else if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  fallBackToBrowserMode('no display')
} else {
  const child = spawn(electron.binary, [root, ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, ELECTRON_RUN_AS_NODE: '' } })
  child.on('error', (error) => fallBackToBrowserMode(`it failed to launch: ${error.message}`))
  child.on('exit', (code, signal) => {
    // Electron exits at once with an error when it cannot open a window (missing libraries, no GPU
    // process): fall back then too, but not after a normal quit.
    if (code !== 0 && !signal && Date.now() - startedAt < 5000) fallBackToBrowserMode(`it exited with code ${code}`)
    else process.exit(signal ? 1 : (code ?? 0))
  })
}
