/**
 * `npm run test:package`: a dry packaging check that runs without an Electron binary.
 *
 * [Note: packaging without Electron]
 * electron-builder's `dir` target is run for this platform against a stand-in Electron
 * distribution (`electronDist`: a folder with an `electron` executable, `resources/` and one
 * locale), so everything demodeck contributes to a package — app.asar, the unpacked native
 * binding, the example decks — is built exactly as for a release and then inspected. Only the
 * Electron runtime itself is fake. Prints one line per check and "N passed, N failed".
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildIfNeeded } from './build-if-needed.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const { build, Platform, Arch } = require('electron-builder')
const asar = require('@electron/asar')
const config = require(join(root, 'electron-builder.config.cjs'))

/** Size budget for the unpacked Linux app without the Electron runtime (app.asar + unpacked + decks). */
const BUDGET_MB = 160

const ortPlatform = { linux: 'linux', darwin: 'darwin', win32: 'win32' }[process.platform]
const platform = { linux: Platform.LINUX, darwin: Platform.MAC, win32: Platform.WINDOWS }[process.platform]
const arch = process.arch === 'arm64' ? Arch.arm64 : Arch.x64

function sizeOf(path) {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.size
  return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0)
}

function findResources(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.name === 'app.asar') return dir
    if (entry.isDirectory()) {
      const found = findResources(path)
      if (found) return found
    }
  }
  return null
}

buildIfNeeded()
const work = mkdtempSync(join(tmpdir(), 'demodeck-package-'))
const dist = join(work, 'electron-dist')
mkdirSync(join(dist, 'resources'), { recursive: true })
mkdirSync(join(dist, 'locales'))
const exe = process.platform === 'win32' ? 'electron.exe' : 'electron'
writeFileSync(join(dist, exe), '#!/bin/sh\necho "stand-in Electron"\n')
chmodSync(join(dist, exe), 0o755)
writeFileSync(join(dist, 'locales', 'en-US.pak'), 'stand-in')
writeFileSync(join(dist, 'version'), require('electron/package.json').version)

const results = []
const check = (name, ok, detail = '') => {
  results.push(ok)
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`)
}

try {
  await build({
    projectDir: root,
    targets: platform.createTarget('dir', arch),
    config: { ...config, electronDist: dist, directories: { ...config.directories, output: join(work, 'out') }, publish: null }
  })
  const resources = findResources(join(work, 'out'))
  check('electron-builder produced app.asar', Boolean(resources))
  if (resources) {
    const files = asar.listPackage(join(resources, 'app.asar'), { isPack: false }).map((f) => f.replaceAll('\\', '/'))
    const has = (path) => files.includes(path)
    check(
      'app.asar holds the built main process, server and inference worker',
      has('/out/main/index.js') && has('/out/main/server.js') && has('/out/main/inference.worker.js')
    )
    check('app.asar holds the preload and the renderer', has('/out/preload/index.cjs') && has('/out/renderer/index.html'))
    check(
      'app.asar holds the runtime dependencies',
      ['zod', 'yaml', 'onnxruntime-node'].every((dep) => has(`/node_modules/${dep}/package.json`))
    )
    const devDeps = Object.keys(require(join(root, 'package.json')).devDependencies)
    const leaked = devDeps.filter((dep) => has(`/node_modules/${dep}/package.json`))
    check('no dev dependency in app.asar', leaked.length === 0, leaked.join(', '))
    const strays = files.filter((f) => /^\/(src|tests|training|bench|scripts|python|docs|slides|models|runs|examples)\//.test(f))
    check('no sources, tests, fixtures or decks inside app.asar', strays.length === 0, strays.slice(0, 5).join(', '))
    const ortDir = join(resources, 'app.asar.unpacked', 'node_modules', 'onnxruntime-node', 'bin', 'napi-v6')
    const binding = join(ortDir, ortPlatform, process.arch, 'onnxruntime_binding.node')
    check(`onnxruntime-node's binding is unpacked for ${ortPlatform}/${process.arch}`, existsSync(binding), binding)
    const platforms = existsSync(ortDir) ? readdirSync(ortDir) : []
    const archs = existsSync(join(ortDir, ortPlatform)) ? readdirSync(join(ortDir, ortPlatform)) : []
    check(
      'only this platform and architecture ship onnxruntime binaries',
      platforms.join() === ortPlatform && archs.join() === process.arch,
      `${platforms.join('+')} / ${archs.join('+')}`
    )
    check(
      'the example deck is a resource outside the asar',
      existsSync(join(resources, 'example-deck', 'slides', 'deck.md')) && existsSync(join(resources, 'example-deck', 'models'))
    )
    const mb = (sizeOf(resources) / 1024 / 1024).toFixed(1)
    check(`packaged resources within ${BUDGET_MB} MB`, Number(mb) <= BUDGET_MB, `${mb} MB`)
  }
} catch (error) {
  check('electron-builder ran', false, error instanceof Error ? error.message.split('\n')[0] : String(error))
} finally {
  rmSync(work, { recursive: true, force: true })
}

const failed = results.filter((ok) => !ok).length
console.log(`${results.length - failed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
