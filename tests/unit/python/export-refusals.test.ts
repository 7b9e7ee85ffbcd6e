/**
 * The demodeck-export command line on a student's mistakes, run for real with Debian's torch 1.13: each is
 * refused in one line naming the fix and exit code 2 (never a Python traceback), and the checkpoints it can
 * read after all (a LightningModule's `model.` prefix, DataParallel's `module.`, a tutorial's
 * `model_state_dict`) export the trained network's own outputs. A refused export writes nothing (the folder
 * is staged beside the target and renamed on success), and a re-export keeps the student's own files.
 * Cases: tests/fixtures/python/refusal_cases.py.
 * Skips, saying why, where those Python packages are missing.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PYTHON, pythonMissing, runPython } from '../../support/python'

const repoRoot = resolve(__dirname, '../../..')
const missing = pythonMissing('torch', 'onnx', 'PIL', 'numpy', 'torchvision')

interface Case {
  case: string
  before: Record<string, string> | null
  after: Record<string, string> | null
  hidden: string[]
  parentExists: boolean
  code: number | null
  escaped?: string
  stdout: string
  stderr: string
  left: string[] | null
  maxDiffFromTrained?: number
}

describe.skipIf(missing)(`demodeck-export refusals${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let work = ''
  const cases = new Map<string, Case>()
  const env = { PYTHONPATH: join(repoRoot, 'python/src') }
  const get = (key: string): Case => {
    const found = cases.get(key)
    expect(found, `case ${key} ran`).toBeDefined()
    expect(found!.escaped, `${key}: nothing escaped main()`).toBeUndefined()
    return found!
  }
  /** A refusal: exit 2, one `demodeck-export: error:` line on stderr, no traceback. */
  const refused = (key: string): string => {
    const run = get(key)
    expect(run.code, `${key}: ${run.stderr}`).toBe(2)
    expect(run.stderr).not.toMatch(/Traceback/)
    const lines = run.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^demodeck-export: error: /)
    return lines[0]!
  }

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'demodeck-refusals-'))
    const out = runPython([join(repoRoot, 'tests/fixtures/python/refusal_cases.py'), work], { env, timeoutMs: 300_000 })
    for (const line of out.split('\n').filter((l) => l.startsWith('{'))) {
      const parsed = JSON.parse(line) as Case
      cases.set(parsed.case, parsed)
    }
  }, 300_000)
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true })
  })

  it('a missing example or checkpoint is named with where it was looked for', () => {
    expect(refused('missing-example')).toMatch(/the example image nope\.jpg does not exist \(looked for \/.*\/project\/nope\.jpg; relative paths start in \/.*\/project\)/)
    expect(refused('missing-checkpoint')).toMatch(/the checkpoint nope\.ckpt does not exist \(looked for \/.*\/project\/nope\.ckpt/)
    expect(refused('tabular-missing-features')).toMatch(/--features features\.json does not exist/)
  })

  it('--model-kwargs in Python syntax shows the JSON to type', () => {
    expect(refused('kwargs-not-json')).toMatch(/--model-kwargs is not JSON \(Expecting property name enclosed in double quotes at character 2 of \{num_classes: 3\}\): write it as '\{"num_classes": 3\}'/)
    expect(refused('kwargs-not-object')).toMatch(/--model-kwargs must be a JSON object .* not \[10\]/)
  })

  it('a checkpoint trained with another class count names the layers, both shapes and the argument to pass', () => {
    const line = refused('class-count')
    expect(line).toContain('head.weight is [10, 8] in the checkpoint but [3, 8] in SmallCNN')
    expect(line).toContain('head.bias is [10] in the checkpoint but [3] in SmallCNN')
    expect(line).toContain(`--model-kwargs '{"num_classes": 10}'`)
    expect(line).not.toContain('hidden')
    // …and that suggestion works: the export then gives the trained network's outputs.
    const fixed = get('class-count-fixed')
    expect(fixed.code, fixed.stderr).toBe(0)
    expect(fixed.maxDiffFromTrained).toBeLessThanOrEqual(1e-6)
  })

  it('a file that is not a checkpoint, or an example that is not an image, is refused saying so', () => {
    expect(refused('not-a-checkpoint')).toMatch(/notes\.ckpt is not a PyTorch checkpoint torch [\d.]+\w* can read \(.+\); pass the \.ckpt or \.pt file written by torch\.save/)
    expect(refused('example-not-image')).toMatch(/the example not-a-photo\.jpg is not an image Pillow can read .*: pass a JPEG or PNG photo/)
  })

  it("strips a wrapper's key prefix (Lightning model., DataParallel module.) or a tutorial's nesting, says so, and exports the trained weights", () => {
    const lightning = get('lightning-prefix')
    expect(lightning.code, lightning.stderr).toBe(0)
    expect(lightning.stdout).toContain("lightning.ckpt: the weights' keys start with 'model.' (a LightningModule's self.model): stripped it to fit SmallCNN")
    expect(lightning.stdout).toContain('lightning.ckpt: hyper_parameters lr are not arguments of SmallCNN: not passed to it')
    expect(lightning.maxDiffFromTrained).toBeLessThanOrEqual(1e-6)
    const parallel = get('data-parallel-prefix')
    expect(parallel.code, parallel.stderr).toBe(0)
    expect(parallel.stdout).toContain("data-parallel.pt: the weights' keys start with 'module.' (DataParallel): stripped it")
    expect(parallel.maxDiffFromTrained).toBeLessThanOrEqual(1e-6)
    const tutorial = get('tutorial-dict')
    expect(tutorial.code, tutorial.stderr).toBe(0)
    expect(tutorial.maxDiffFromTrained).toBeLessThanOrEqual(1e-6)
  })

  it("an error in the student's own model code is one line with where it came from; --traceback shows the whole", () => {
    const run = get('model-code-fails')
    expect(run.code).toBe(1)
    expect(run.stderr.trim()).toMatch(/^demodeck-export: error: ValueError: shapes do not line up in my forward \(at .*net\.py:\d+ in forward\); run again with --traceback/)
    expect(run.stderr).not.toMatch(/Traceback/)
    const verbose = get('model-code-fails-traceback')
    expect(verbose.code).toBe(1)
    expect(verbose.stderr).toMatch(/Traceback \(most recent call last\)[\s\S]*net\.py[\s\S]*ValueError: shapes do not line up/)
  })

  it('a refused export writes nothing: no half-written model folder, no new parent folders, no hidden staging folder', () => {
    for (const key of ['refused-new-folder', 'missing-example', 'example-not-image', 'class-count', 'refused-quantize-over-nothing']) {
      refused(key)
      expect(get(key).left, `${key} left a folder`).toBeNull()
      expect(get(key).hidden, `${key} left a staging folder`).toEqual([])
    }
    expect(refused('refused-new-folder')).toContain('the model returns shape [1, 3], but 2 labels were given')
    const model = get('model-code-fails')
    expect([model.code, model.left, model.hidden]).toEqual([1, null, []])
    refused('refused-new-parents')
    expect(get('refused-new-parents').parentExists).toBe(false)
  })

  it('a refused export over a good model folder leaves every file of it as it was', () => {
    refused('refused-over-good')
    const run = get('refused-over-good')
    expect(Object.keys(run.before!)).toEqual(expect.arrayContaining(['model.onnx', 'model.json', 'reference.json', 'notes.md', 'runs/wandb/history.csv']))
    expect(run.after).toEqual(run.before)
    expect(run.hidden).toEqual([])
  })

  it("a re-export replaces the helper's files (a stale example goes) and keeps the student's own (runs/, notes.md)", () => {
    const run = get('re-export')
    expect(run.code, run.stderr).toBe(0)
    expect(run.left).toEqual(['example-0.pixels.png', 'example-0.png', 'model.json', 'model.onnx', 'notes.md', 'reference.json', 'runs'])
    expect(run.after!['runs/wandb/history.csv']).toBe(run.before!['runs/wandb/history.csv'])
    expect(run.after!['notes.md']).toBe(run.before!['notes.md'])
    expect(run.hidden).toEqual([])
    expect(run.stdout).toContain('demodeck-export: deck/models/good: 5 files')
    expect(run.maxDiffFromTrained).toBeLessThanOrEqual(1e-6)
  })

  it('loads with weights_only=True first; a whole pickled model is loaded with weights_only=False, saying it runs code from the file', () => {
    const run = get('whole-model')
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toContain('whole-model.pt holds Python objects, not only tensors')
    expect(run.stdout).toContain('loading it with weights_only=False, which runs code stored in the file')
    expect(run.maxDiffFromTrained).toBeLessThanOrEqual(1e-6)
    // torch.load's weights_only exists from torch 1.13 (the default from 2.6): the switch, for the versions we cannot run here.
    const { kwargs } = cases.get('load-kwargs') as unknown as { kwargs: Record<string, object> }
    expect(kwargs).toEqual({
      '1.12.1': {},
      '1.13.0a0': { weights_only: true },
      '2.5.1': { weights_only: true },
      '2.6.0+cu124': { weights_only: true },
      '2.10.0.dev20260101': { weights_only: true },
      unknown: {}
    })
  })

  it('the installed entry point (python -m demodeck_export) prints the one line and exits 2', () => {
    const run = spawnSync(
      PYTHON,
      ['-m', 'demodeck_export', 'image', '--model', 'net:SmallCNN', '--checkpoint', 'ten-classes.ckpt', '--transform', 'net:eval_transform', '--model-kwargs', '{num_classes: 3}', '--out', 'deck/models/cli', '--example', 'cat.png', '--labels', 'a', 'b', 'c'],
      { cwd: join(work, 'project'), encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env, PYTHONDONTWRITEBYTECODE: '1' } }
    )
    expect(run.status, run.stderr).toBe(2)
    expect(run.stderr.trim()).toMatch(/^demodeck-export: error: --model-kwargs is not JSON .*'\{"num_classes": 3\}' \(keys/)
  })
})
