/**
 * `npm start` where Electron cannot start: it says why in one line and serves the same deck in
 * browser mode (the real scripts/start.mjs and the built server; no Electron involved).
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(__dirname, '..', '..', '..')
const built = existsSync(join(root, 'out', 'main', 'server.js'))

describe.skipIf(!built)('npm start without Electron', () => {
  it('falls back to browser mode on the same deck and prints the URL', async () => {
    const child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs'), '--port', '0'], {
      cwd: root,
      env: { ...process.env, DEMODECK_NO_ELECTRON: '1', DEMODECK_NO_BROWSER: '1' },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    try {
      const url = await new Promise<string>((done, fail) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString()
          const match = /demodeck ready at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout)
          if (match) done(match[1]!)
        })
        child.on('exit', (code) => fail(new Error(`start exited with ${code}: ${stderr}`)))
      })
      expect(stderr).toContain('demodeck: Electron cannot start here (DEMODECK_NO_ELECTRON is set); serving the deck in browser mode instead.')
      const deck = (await (await fetch(new URL('api/deck', url))).json()) as { slides: unknown[] }
      expect(deck.slides.length).toBeGreaterThan(0)
    } finally {
      child.kill('SIGTERM')
    }
  })
})
