/**
 * The demodeck-export command line on a student's mistakes, run for real with Debian's torch 1.13: each is
 * refused in one line naming the fix and exit code 2 (never a Python traceback), and the checkpoints it can
 * read after all (a LightningModule's `model.` prefix, DataParallel's `module.`, a tutorial's
 * `model_state_dict`) export the trained network's own outputs. Cases: tests/fixtures/python/refusal_cases.py.
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
