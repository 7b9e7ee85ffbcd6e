import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseWandbFile } from '../../../../src/core/metrics/wandb-file'
import { parseWandbFolder } from '../../../../src/core/metrics/wandb-folder'
import { MetricsFormatError } from '../../../../src/core/metrics/types'
import { exitRecord, historyRecord, outputRecord, runRecord, updateRecord, WandbLogWriter } from '../../../fixtures/runs/synth'
import { hasReal, realPath, SKIP_REASON } from './real-fixtures'

const RUNS = 'wandb-runs'
const folders = {
  petergroth: [RUNS, 'petergroth__DTU_MLOps/wandb/run-20210608_192214-1qljm3kh', '1qljm3kh'],
  helenyaben: [RUNS, 'helenyaben__dtu_mlops_project/wandb/run-20230113_150431-sfsipfga', 'sfsipfga'],
  vqvae: [RUNS, '02hyc__VQ-VAE/wandb/run-20250315_204639-z3gp9394', 'z3gp9394'],
  adl: [RUNS, 'ADL-Group-10__lab0/wandb/run-20260329_145949-0w7qaruh', '0w7qaruh']
} as const

function readWandb(key: keyof typeof folders): ReturnType<typeof parseWandbFile> {
  const [kind, dir, id] = folders[key]
  return parseWandbFile(readFileSync(realPath(kind, dir, `run-${id}.wandb`)))
}

function readFolder(key: keyof typeof folders): ReturnType<typeof parseWandbFolder> {
  const [kind, dir, id] = folders[key]
  const base = realPath(kind, dir)
  return parseWandbFolder({
    folderName: dir.split('/').pop()!,
    wandbFile: readFileSync(`${base}/run-${id}.wandb`),
    configYaml: readFileSync(`${base}/files/config.yaml`, 'utf8'),
    summaryJson: readFileSync(`${base}/files/wandb-summary.json`, 'utf8')
  })
}

const count = (rows: Array<Record<string, unknown>>, key: string): number => rows.filter((r) => key in r).length

describe.skipIf(!hasReal)(`.wandb real fixtures (${SKIP_REASON})`, () => {
  it('petergroth 1qljm3kh: 5 rows, loss in 4, epoch_loss in 1, histograms skipped, unfinished', () => {
    const run = readWandb('petergroth')
    expect(run.warnings).toEqual([])
    expect(run.rows.map((r) => r['_step'])).toEqual([0, 1, 2, 3, 4])
    expect(run.metrics.sort()).toEqual(['epoch_loss', 'loss'])
    expect(count(run.rows, 'loss')).toBe(4)
    expect(count(run.rows, 'epoch_loss')).toBe(1)
    expect(run.rows.some((r) => Object.keys(r).some((k) => k.startsWith('gradients/')))).toBe(false)
    expect(run.rows[4]!['epoch_loss']).toBeCloseTo(636.95, 2)
    expect(run.state).toBe('unfinished')
    expect(run.runId).toBe('1qljm3kh')
    expect(run.config).toMatchObject({ lr: 0.0003, num_epochs: 10, num_filters: 16 })
  })

  it('helenyaben sfsipfga: 186 rows of batch_loss, steps 0–185, crashed (exit code 1)', () => {
    const run = readWandb('helenyaben')
    expect(run.rows).toHaveLength(186)
    expect(run.rows[0]!['_step']).toBe(0)
    expect(run.rows[185]!['_step']).toBe(185)
    expect(run.metrics).toEqual(['batch_loss'])
    expect(run.rows[185]!['batch_loss']).toBeCloseTo(0.96977, 5)
    expect(run.summary['batch_loss']).toBeCloseTo(0.96977, 5)
    expect(run.summary['_step']).toBe(185)
    expect(run.state).toBe('crashed')
    expect(run.config).toEqual({ batch_size: 64, epochs: 4, lr: 0.0005363087911860754 })
  })

  it('02hyc z3gp9394: 22 rows of the four train_* losses, exit 255, config from the log', () => {
    const run = readWandb('vqvae')
    expect(run.rows).toHaveLength(22)
    expect(run.rows.at(-1)!['_step']).toBe(21)
    expect(run.metrics.sort()).toEqual(['train_commitment_loss', 'train_loss', 'train_quantized_loss', 'train_reconstruction_loss'])
    expect(run.rows.at(-1)!['train_loss']).toBeCloseTo(2.20268, 5)
    expect(run.summary['train_loss']).toBeCloseTo(2.20268, 5)
    expect(run.summary['_step']).toBe(21)
    expect(Object.keys(run.summary).some((k) => k.startsWith('_wandb'))).toBe(false)
    expect(run.state).toBe('crashed')
    expect(run.project).toBe('VQVAE-Training')
    expect(run.config).toMatchObject({
      batch_size: 64,
      learning_rate: 0.000225,
      num_embeddings: 512,
      embedding_dim: 64,
      hidden_dim: 256,
      beta: 0.25,
      num_epochs: 10
    })
  })

  it('ADL 0w7qaruh (wandb 0.25, new record types): 10 rows, finished, display name', () => {
    const run = readWandb('adl')
    expect(run.warnings).toEqual([])
    expect(run.rows).toHaveLength(10)
    expect(run.metrics.sort()).toEqual(['epoch', 'learning_rate', 'training_accuracy', 'training_loss'])
    expect(run.rows[9]!['training_loss']).toBeCloseTo(0.52693, 5)
    expect(run.rows[9]!['training_accuracy']).toBeCloseTo(81.442, 3)
    expect(run.rows[0]!['epoch']).toBe(1)
    expect(run.summary).toMatchObject({ epoch: 10, _runtime: 498 })
    expect(run.state).toBe('finished')
    expect(run.name).toBe('alexnet_feature_extraction')
    expect(run.config).toMatchObject({
      architecture: 'AlexNet',
      dataset: 'CIFAR-10',
      mode: 'feature_extraction',
      optimizer: 'Adam',
      learning_rate: 0.0001,
      epochs: 10
    })
  })

  it('run folders: config.yaml (2- and 4-space styles, desc/value wrappers) and wandb-summary.json win', () => {
    const old = readFolder('petergroth')
    expect(old.config).toEqual({ lr: 0.0003, num_epochs: 10, num_filters: 16 })
    expect(old.summary['loss']).toBeCloseTo(0.39207, 5)
    expect(old.summary['epoch_loss']).toBeCloseTo(636.95, 2)
    expect(old.summary['_step']).toBe(4)
    expect(Object.keys(old.summary).some((k) => k.startsWith('gradients/'))).toBe(false)

    const vq = readFolder('vqvae')
    expect(vq.config).toMatchObject({ batch_size: 64, learning_rate: 0.000225, beta: 0.25 })
    expect('_wandb' in vq.config).toBe(false)
    expect(vq.summary['_timestamp']).toBeCloseTo(1742042806.265, 2) // written as 1.742…e+09

    const adl = readFolder('adl')
    expect(adl.config).toMatchObject({ architecture: 'AlexNet', learning_rate: 0.0001 })
    expect(adl.summary['training_accuracy']).toBeCloseTo(81.442, 3)
    expect(adl.runId).toBe('0w7qaruh')

    const hy = readFolder('helenyaben')
    expect(hy.config).toEqual({ batch_size: 64, epochs: 4, lr: 0.0005363087911860754 })
    expect(hy.warnings).toEqual([])
  })
})

function synthRun(rows = 20): WandbLogWriter {
  const w = new WandbLogWriter()
  w.add(
    runRecord({
      runId: 'syn12345',
      entity: 'me',
      project: 'proj',
      group: 'sweep-a',
      displayName: 'synthetic',
      config: [
        { key: 'lr', valueJson: '0.01' },
        { key: '_wandb', valueJson: '{}' }
      ]
    })
  )
  for (let i = 0; i < rows; i++) {
    w.add(
      historyRecord(i + 2, i, [
        { key: '_step', valueJson: String(i) },
        { key: 'loss', valueJson: String(1 / (i + 1)) },
        { nestedKey: ['val', 'acc'], valueJson: i === 3 ? 'NaN' : String(i / 100) },
        { key: 'hist', valueJson: '{"_type":"histogram","values":[1,2]}' }
      ])
    )
  }
  w.add(outputRecord('epoch done'))
  w.add(
    updateRecord(
      'summary',
      [
        { key: 'loss', valueJson: '0.05' },
        { key: 'tmp', valueJson: '1' }
      ],
      [{ key: 'tmp', valueJson: '' }]
    )
  )
  w.add(exitRecord(0))
  return w
}

describe('.wandb synthetic edge cases', () => {
  it('reads history, nested keys, NaN and run meta; skips histograms and output records', () => {
    const run = parseWandbFile(synthRun().finish())
    expect(run.warnings).toEqual([])
    expect(run.rows).toHaveLength(20)
    expect(run.metrics).toEqual(['loss', 'val.acc'])
    expect(run.rows[3]!['val.acc']).toBe('NaN')
    expect(run.rows[19]!['loss']).toBeCloseTo(0.05, 10)
    expect(run).toMatchObject({
      name: 'synthetic',
      runId: 'syn12345',
      entity: 'me',
      project: 'proj',
      group: 'sweep-a',
      state: 'finished',
      config: { lr: 0.01 },
      summary: { loss: 0.05 }
    })
    expect('tmp' in run.summary).toBe(false)
  })

  it('reads value_json numbers from the bytes exactly as Number() would; non-numbers are not chartable', () => {
    const texts = ['0.30000000000000004', '1763900000.1370001', '-0', '1e-07', '1.5e300', '0x10', '-.5', '.', '-', '1e', '"3"', 'true', '-Infinity']
    const w = new WandbLogWriter()
    texts.forEach((t, i) =>
      w.add(
        historyRecord(i + 1, i, [
          { key: '_step', valueJson: String(i) },
          { key: 'v', valueJson: t }
        ])
      )
    )
    const rows = parseWandbFile(w.finish()).rows
    const got = texts.map((_, i) => rows[i]!['v'])
    // Number('.'), Number('-'), Number('1e') are NaN: not numbers, so no value (as before, a bare "." was read as 0).
    expect(got).toEqual([
      0.30000000000000004,
      1763900000.1370001,
      -0,
      1e-7,
      1.5e300,
      16,
      -0.5,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      '-Infinity'
    ])
    expect(Object.is(got[2], -0)).toBe(true)
  })

  it('reassembles records split FIRST/MIDDLE/LAST across 32 KiB blocks', () => {
    const w = new WandbLogWriter()
    const big = 'x'.repeat(100_000) // > 3 blocks: FIRST, two MIDDLE, LAST
    w.add(
      historyRecord(1, 0, [
        { key: 'loss', valueJson: '1' },
        { key: 'note', valueJson: JSON.stringify(big) }
      ])
    )
    w.add(historyRecord(2, 1, [{ key: 'loss', valueJson: '0.5' }]))
    const bytes = w.finish()
    expect(bytes.length).toBeGreaterThan(3 * 32768)
    const run = parseWandbFile(bytes)
    expect(run.warnings).toEqual([])
    expect(run.rows.map((r) => r['loss'])).toEqual([1, 0.5])
  })

  it('a flipped payload byte gives one checksum warning and keeps every other record', () => {
    const bytes = synthRun().finish()
    const clean = parseWandbFile(bytes)
    const damaged = bytes.slice()
    damaged[Math.floor(bytes.length / 2)]! ^= 0x40
    const run = parseWandbFile(damaged)
    expect(run.warnings.map((w) => w.code)).toEqual(['wandb/checksum'])
    expect(run.warnings[0]!.message).toMatch(/Checksum mismatch .* skipped, the rest was kept/)
    expect(run.rows.length).toBe(clean.rows.length - 1)
    expect(run.state).toBe('finished')
  })

  it('a truncated file keeps what came before the cut', () => {
    const bytes = synthRun().finish()
    const run = parseWandbFile(bytes.subarray(0, Math.floor(bytes.length * 0.6)))
    expect(run.warnings.map((w) => w.code)).toContain('wandb/truncated')
    expect(run.rows.length).toBeGreaterThan(5)
    expect(run.rows.length).toBeLessThan(20)
    expect(run.state).toBe('unfinished')
  })

  it('a record cut off between FIRST and LAST is dropped with a warning', () => {
    const w = new WandbLogWriter()
    w.add(historyRecord(1, 0, [{ key: 'loss', valueJson: '1' }]))
    w.add(
      historyRecord(2, 1, [
        { key: 'loss', valueJson: '2' },
        { key: 'pad', valueJson: JSON.stringify('y'.repeat(40_000)) }
      ])
    )
    const run = parseWandbFile(w.finish().subarray(0, 32768 + 100))
    expect(run.rows.map((r) => r['loss'])).toEqual([1])
    expect(run.warnings.some((p) => p.code === 'wandb/truncated')).toBe(true)
  })

  it('a header-only file is a run with no history and says so; an empty file or another format is an error', () => {
    const header = new WandbLogWriter().finish()
    const run = parseWandbFile(header)
    expect(run.rows).toEqual([])
    expect(run.warnings.map((w) => w.code)).toEqual(['wandb/empty'])
    expect(() => parseWandbFile(new Uint8Array(0))).toThrow(MetricsFormatError)
    expect(() => parseWandbFile(new TextEncoder().encode('{"_step": 0}\n'))).toThrow(/Not a W&B run log/)
  })

  it('an undecodable record inside a valid chunk is a warning, not a crash', () => {
    const w = new WandbLogWriter()
    w.add(historyRecord(1, 0, [{ key: 'loss', valueJson: '1' }]))
    w.add(Uint8Array.of(0x12, 0x50, 0x01)) // history field claims 80 bytes, has 1
    w.add(historyRecord(3, 1, [{ key: 'loss', valueJson: '2' }]))
    const run = parseWandbFile(w.finish())
    expect(run.rows.map((r) => r['loss'])).toEqual([1, 2])
    expect(run.warnings.map((p) => p.code)).toEqual(['wandb/bad-record'])
  })

  it('a folder without the .wandb log still shows config and summary', () => {
    const run = parseWandbFolder({
      folderName: 'offline-run-20250101_000000-abcd1234',
      configYaml: 'wandb_version: 1\n\nlr:\n  desc: null\n  value: 0.1\nlayers:\n    value:\n        - 64\n        - 32\n',
      summaryJson: '{"acc": NaN, "_step": 3}'
    })
    expect(run.runId).toBe('abcd1234')
    expect(run.config).toEqual({ lr: 0.1, layers: [64, 32] })
    expect(run.summary).toEqual({ acc: 'NaN', _step: 3 })
    expect(run.warnings.map((w) => w.code)).toEqual(['wandb/no-log'])
  })

  it('a broken config.yaml is a warning', () => {
    const run = parseWandbFolder({ folderName: 'run-20250101_000000-abcd1234', wandbFile: synthRun(2).finish(), configYaml: 'lr: [unclosed' })
    expect(run.warnings.map((w) => w.code)).toEqual(['wandb/config-yaml'])
    expect(run.config).toEqual({ lr: 0.01 })
  })
})
