/**
 * `npm start` where Electron cannot start: it says why in one line and serves the same deck in
 * browser mode (the real scripts/start.mjs and the built server; no Electron involved).
 *
 * [Note: start from a prebuilt copy]
 * start.mjs rebuilds when a file under src/ is newer than out/ (build-if-needed.mjs). Run in the
 * working tree, this test therefore built the app itself whenever a source file had just been saved,
 * and failed when that build ran over the time limit or met a half-edited file. It runs the real
 * scripts from a temp copy instead: the built out/, the scripts and package.json, an empty src/ and a
 * two-slide deck, so nothing being edited meanwhile reaches it, and it can say that no build ran.
 */
import { spawn } from 'node:child_process'
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

const root = resolve(__dirname, '..', '..', '..')
const built = existsSync(join(root, 'out', 'main', 'server.js')) && existsSync(join(root, 'out', 'renderer', 'index.html'))

/** A prebuilt copy of the app (see [Note: start from a prebuilt copy]) and a deck folder inside it. */
function prebuiltCopy(): { dir: string; deck: string } {
  const dir = mkdtempSync(join(tmpdir(), 'demodeck-start-'))
  cpSync(join(root, 'out'), join(dir, 'out'), { recursive: true })
  mkdirSync(join(dir, 'scripts'))
  for (const file of ['start.mjs', 'web.mjs', 'build-if-needed.mjs']) copyFileSync(join(root, 'scripts', file), join(dir, 'scripts', file))
  // package.json: "type": "module" for out/main/*.js, and where the inference worker finds the app's root.
  copyFileSync(join(root, 'package.json'), join(dir, 'package.json'))
  copyFileSync(join(root, 'electron.vite.config.ts'), join(dir, 'electron.vite.config.ts'))
  const longAgo = new Date('2020-01-01T00:00:00Z')
  utimesSync(join(dir, 'electron.vite.config.ts'), longAgo, longAgo)
  mkdirSync(join(dir, 'src'))
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir')
  const deck = join(dir, 'deck')
  mkdirSync(join(deck, 'slides'), { recursive: true })
  writeFileSync(join(deck, 'slides', 'deck.md'), '---\ntitle: Start\n---\n# One\n\nHello.\n\n---\n\n# Two\n\nAgain.\n')
  return { dir, deck }
}

let cleanup: (() => Promise<void>) | null = null
afterEach(async () => {
  await cleanup?.()
  cleanup = null
})

describe.skipIf(!built)('npm start without Electron', () => {
  it('falls back to browser mode on the same deck and prints the URL, without building', async () => {
    const { dir, deck } = prebuiltCopy()
    const child = spawn(process.execPath, [join(dir, 'scripts', 'start.mjs'), '--deck', deck, '--port', '0'], {
      cwd: dir,
      env: { ...process.env, DEMODECK_NO_ELECTRON: '1', DEMODECK_NO_BROWSER: '1' },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    cleanup = async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((done) => child.once('exit', done))
        child.kill('SIGTERM')
        await exited
      }
      rmSync(dir, { recursive: true, force: true })
    }
    let stdout = ''
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const url = await new Promise<string>((done, fail) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString()
        const match = /demodeck ready at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout)
        if (match) done(match[1]!)
      })
      child.on('exit', (code) => fail(new Error(`start exited with ${code}: ${stderr}`)))
    })
    expect(stderr).toContain('demodeck: Electron cannot start here (DEMODECK_NO_ELECTRON is set); serving the deck in browser mode instead.')
    expect(stdout).not.toContain('building')
    const served = (await (await fetch(new URL('api/deck', url))).json()) as { slides: Array<{ title: string }> }
    expect(served.slides.map((s) => s.title)).toEqual(['One', 'Two'])
  })
})
