/**
 * `npm start [-- --deck DIR]`: makes sure the Electron binary is there (runs
 * electron's own installer when it is missing), builds if needed and opens
 * the app. Where no binary can be had it says so plainly and points to
 * browser mode instead of failing with a stack trace.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildIfNeeded } from './build-if-needed.mjs'

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

function explainAndExit(reason) {
  console.error(
    [
      '',
      'demodeck: the Electron app cannot start on this machine.',
      `  Reason: ${reason}`,
      '  Electron downloads its binary from GitHub on first use; that needs internet access.',
      '  Use demodeck in your browser instead (same deck, same features):',
      '',
      '    npm run web',
      ''
    ].join('\n')
  )
  process.exit(1)
}

let binary = electronBinary()
if (!binary) {
  const installer = join(electronDir, 'install.js')
  if (!existsSync(installer)) explainAndExit('the electron package is not installed (run `npm install`).')
  console.log('demodeck: downloading the Electron binary (first start only)…')
  const result = spawnSync(process.execPath, [installer], { cwd: electronDir, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' } })
  binary = electronBinary()
  if (!binary) {
    const detail = (result.stderr?.toString() ?? '').split('\n').find((line) => /error|ENOTFOUND|ECONN|EAI_AGAIN|timed out/i.test(line))
    explainAndExit(`the Electron binary could not be downloaded${detail ? ` (${detail.trim().slice(0, 160)})` : ''}.`)
  }
}

buildIfNeeded()
const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, ELECTRON_RUN_AS_NODE: '' } })
child.on('error', (error) => explainAndExit(`Electron failed to launch (${error.message}).`))
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)))
