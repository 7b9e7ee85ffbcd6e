/** `npm run add-model`: a real ONNX file into a deck outside the repository, with a loadable model.json draft. */
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadModels } from '../../../src/host/models/model-folder'

const repoRoot = resolve(__dirname, '../../..')
const deck = mkdtempSync(join(tmpdir(), 'demodeck-add-model-'))
afterAll(() => rmSync(deck, { recursive: true, force: true }))

const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'scripts/add-model.ts'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, INIT_CWD: repoRoot },
    encoding: 'utf8',
    timeout: 120_000
  })

describe('add-model', () => {
  it('copies the model, writes the schema and a model.json draft demodeck loads, and lists the TODOs', async () => {
    const result = run('tests/fixtures/models/tabular/model.onnx', '--deck', deck, '--id', 'wine')
    expect(result.status, result.stderr).toBe(0)
    expect(result.stdout).toContain('tabular-classification: its input "x" float32 [batch, 5] is a row of numbers')
    expect(result.stdout).toMatch(/TODO before the exam:\n {2}- labels: name the 3 classes/)
    expect(existsSync(join(deck, 'schemas/model.schema.json'))).toBe(true)
    const manifest = JSON.parse(readFileSync(join(deck, 'models/wine/model.json'), 'utf8')) as { $schema: string }
    expect(manifest.$schema).toBe('../../schemas/model.schema.json')
    const [model] = await loadModels(deck)
    expect(model!.info.errors).toEqual([])
    expect(model!.info.labels).toEqual(['TODO class 0', 'TODO class 1', 'TODO class 2'])
  })
  it('typed in a deck folder (npm runs the script in the clone), a relative path and the default deck are that folder', async () => {
    const own = mkdtempSync(join(tmpdir(), 'demodeck-own-deck-'))
    try {
      mkdirSync(join(own, 'models', 'my-net'), { recursive: true })
      copyFileSync(join(repoRoot, 'tests/fixtures/models/tabular/model.onnx'), join(own, 'models', 'my-net', 'model.onnx'))
      const result = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'scripts/add-model.ts'), 'models/my-net/model.onnx'], {
        cwd: repoRoot,
        env: { ...process.env, INIT_CWD: own },
        encoding: 'utf8',
        timeout: 120_000
      })
      expect(result.status, result.stderr).toBe(0)
      expect(result.stdout).toContain('add-model: wrote models/my-net/model.json')
      const [model] = await loadModels(own)
      expect(model!.info.id).toBe('my-net')
      expect(existsSync(join(repoRoot, 'models', 'my-net'))).toBe(false)
      // The hint's form, typed in the clone: the path inside the deck is found there.
      const hint = run('models/my-net/model.onnx', '--deck', own, '--id', 'my-net-again')
      expect(hint.status, hint.stderr).toBe(0)
      expect(existsSync(join(own, 'models', 'my-net-again', 'model.json'))).toBe(true)
    } finally {
      rmSync(own, { recursive: true, force: true })
    }
  })
  it('never overwrites a model.json without --force, and refuses a file that is not ONNX', () => {
    const again = run('tests/fixtures/models/tabular/model.onnx', '--deck', deck, '--id', 'wine')
    expect(again.status).toBe(2)
    expect(again.stderr).toMatch(/model.json exists; pass --force/)
    const bad = run('tests/fixtures/models/not-an-image.txt', '--deck', deck)
    expect(bad.status).toBe(2)
    expect(bad.stderr).toMatch(/is not a readable ONNX file/)
  })
})
