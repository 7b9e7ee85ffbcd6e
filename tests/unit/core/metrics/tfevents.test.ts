import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseTfEvents, type TfEventsFile } from '../../../../src/core/metrics/tfevents'
import { MetricsFormatError } from '../../../../src/core/metrics/types'
import type { HistoryRow } from '../../../../src/shared/types'
import { concatBytes, eventRecord, tfRecord } from '../../../fixtures/runs/synth'
import { hasReal, realPath, SKIP_REASON } from './real-fixtures'

function filesIn(dir: string, prefix = ''): TfEventsFile[] {
  return readdirSync(realPath(dir))
    .filter((f) => f.includes('tfevents'))
    .sort()
    .map((f) => ({ name: f, prefix, bytes: readFileSync(realPath(dir, f)) }))
}
const series = (rows: HistoryRow[], key: string): Array<[number, number]> =>
  rows.filter((r) => key in r).map((r) => [r['_step'] as number, r[key] as number])

describe.skipIf(!hasReal)(`tfevents real fixtures (${SKIP_REASON})`, () => {
  it('ADL torch SummaryWriter: Loss/train and Accuracy/train, steps 0–9', () => {
    const run = parseTfEvents(filesIn('tfevents/ADL-Group-10__lab0/runs/exp1_adam_leakyrelu'), { name: 'exp1' })
    expect(run.warnings).toEqual([])
    expect(run.metrics.sort()).toEqual(['Accuracy/train', 'Loss/train'])
    const loss = series(run.rows, 'Loss/train')
    expect(loss.map((p) => p[0])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(loss[0]![1]).toBeCloseTo(1.36316, 5)
    expect(loss[9]![1]).toBeCloseTo(0.099858, 5)
    const acc = series(run.rows, 'Accuracy/train')
    expect(acc[0]![1]).toBeCloseTo(50.656, 3)
    expect(acc[9]![1]).toBeCloseTo(96.604, 3)
    expect(run.rows[0]!['_runtime']).toBe(0)
    expect(run.rows[9]!['_timestamp']).toBeGreaterThan(1774650013)
  })

  it('Lightning version_0: two files merged; 375 train points, 50 val points, test at 18750; hparams skipped', () => {
    const run = parseTfEvents(filesIn('tfevents/DaniAlvarado19__Tarea3-IA/lightning_logs/version_0'), { name: 'version_0' })
    expect(run.warnings).toEqual([])
    for (const k of ['train/loss', 'train/psnr', 'train/latent_norm']) expect(series(run.rows, k)).toHaveLength(375)
    for (const k of ['val/loss', 'val/psnr', 'val/latent_norm']) expect(series(run.rows, k)).toHaveLength(50)
    const train = series(run.rows, 'train/loss')
    expect([train[0]![0], train.at(-1)![0]]).toEqual([49, 18749])
    expect(train[0]![1]).toBeCloseTo(0.025164, 5)
    expect(train.at(-1)![1]).toBeCloseTo(0.0031038, 6)
    const val = series(run.rows, 'val/loss')
    expect([val[0]![0], val.at(-1)![0]]).toEqual([374, 18749])
    // epoch: 425 values in the fit file at 400 distinct steps (train and val log it at the same step), + 1 from the test file.
    expect(series(run.rows, 'epoch')).toHaveLength(401)
    const last = run.rows.at(-1)!
    expect(last['_step']).toBe(18750)
    expect(last['test/loss']).toBeCloseTo(0.0044473, 6)
    expect(last['test/psnr']).toBeCloseTo(23.5465, 3)
    expect(last['test/latent_norm']).toBeCloseTo(73.339, 3)
    expect(last['epoch']).toBe(50)
    expect(run.rows[0]!['hp_metric']).toBe(-1)
    expect(run.metrics.some((m) => m.startsWith('_hparams_'))).toBe(false)
  })

  it('Keras TF 2.1 (graph, keras model tensor, run metadata): epoch_loss/epoch_accuracy steps 0–4', () => {
    const run = parseTfEvents(filesIn('tfevents/jaineil__BEproject/test/modelfile/logboard/train'), { name: 'train' })
    expect(run.metrics.sort()).toEqual(['epoch_accuracy', 'epoch_loss'])
    const loss = series(run.rows, 'epoch_loss')
    expect(loss.map((p) => p[0])).toEqual([0, 1, 2, 3, 4])
    expect(loss[0]![1]).toBeCloseTo(0.96572, 5)
    expect(loss[4]![1]).toBeCloseTo(0.10123, 5)
    const acc = series(run.rows, 'epoch_accuracy')
    expect(acc[0]![1]).toBeCloseTo(0.90193, 5)
    expect(acc[4]![1]).toBeCloseTo(0.97088, 5)
  })

  it('Keras train/ + validation/ merge into one run with prefixed tags; histograms skipped', () => {
    const base = 'tfevents/fivetop__python/logs/fit/20200722-133629'
    const run = parseTfEvents([...filesIn(`${base}/train`, 'train/'), ...filesIn(`${base}/validation`, 'validation/')], { name: '20200722-133629' })
    expect(run.metrics.sort()).toEqual(['train/epoch_accuracy', 'train/epoch_loss', 'validation/epoch_accuracy', 'validation/epoch_loss'])
    expect(run.rows).toHaveLength(1)
    expect(run.rows[0]!['train/epoch_loss']).toBeCloseTo(0.22095, 5)
    expect(run.rows[0]!['train/epoch_accuracy']).toBeCloseTo(0.93513, 5)
    expect(run.rows[0]!['validation/epoch_loss']).toBeCloseTo(0.11403, 5)
    expect(run.rows[0]!['validation/epoch_accuracy']).toBeCloseTo(0.9639, 4)
  })
})

function synthFile(): Uint8Array {
  const recs = [eventRecord({ wallTime: 1000, step: 0, fileVersion: 'brain.Event:2' })]
  for (let s = 0; s < 10; s++) {
    recs.push(
      eventRecord({
        wallTime: 1000 + s,
        step: s,
        values: [
          { tag: 'loss', simple: 1 / (s + 1) },
          // TF2 style: scalars plugin metadata only on the tag's first value.
          { tag: 'lr', tensor: { dtype: 1, as: 'float_val', value: 0.5 }, ...(s === 0 ? { plugin: 'scalars' } : {}) },
          { tag: 'acc64', tensor: { dtype: 2, as: 'double_val', value: s / 10 }, ...(s === 0 ? { plugin: 'scalars' } : {}) },
          { tag: 'raw', tensor: { dtype: 1, as: 'content', value: s * 2, shape: [] }, ...(s === 0 ? { plugin: 'scalars' } : {}) },
          { tag: 'weights', histo: true },
          // A text-plugin tensor (not a scalar) and a non-scalar float tensor: skipped.
          { tag: 'notes', tensor: { dtype: 1, as: 'float_val', value: 3 }, ...(s === 0 ? { plugin: 'text' } : {}) },
          { tag: 'vec', tensor: { dtype: 1, as: 'float_val', value: 1, shape: [3] } }
        ]
      })
    )
  }
  return concatBytes(recs.map(tfRecord))
}

describe('tfevents synthetic edge cases', () => {
  it('reads simple_value and tensor scalars (float_val, double_val, tensor_content) with metadata on the first value only', () => {
    const run = parseTfEvents([{ name: 'events.out.tfevents.1', bytes: synthFile() }], { name: 'syn' })
    expect(run.warnings).toEqual([])
    expect(run.metrics.sort()).toEqual(['acc64', 'loss', 'lr', 'raw'])
    expect(run.rows).toHaveLength(10)
    expect(run.rows[9]).toMatchObject({ _step: 9, loss: 0.10000000149011612, lr: 0.5, raw: 18, _runtime: 9 })
    expect(run.rows[9]!['acc64']).toBe(0.9)
  })

  it('a flipped data byte skips that one event with a checksum warning', () => {
    const bytes = synthFile()
    const damaged = bytes.slice()
    damaged[Math.floor(bytes.length / 2)]! ^= 0x01
    const run = parseTfEvents([{ name: 'ev', bytes: damaged }], { name: 'syn' })
    expect(run.warnings.map((w) => w.code)).toEqual(['tfevents/checksum'])
    expect(run.warnings[0]!.message).toMatch(/data checksum mismatch/)
    expect(run.rows).toHaveLength(9)
  })

  it('a flipped length byte resynchronises at the next good record', () => {
    const first = tfRecord(eventRecord({ wallTime: 1, step: 1, values: [{ tag: 'a', simple: 1 }] }))
    const second = tfRecord(eventRecord({ wallTime: 2, step: 2, values: [{ tag: 'a', simple: 2 }] }))
    const third = tfRecord(eventRecord({ wallTime: 3, step: 3, values: [{ tag: 'a', simple: 3 }] }))
    const bytes = concatBytes([first, second, third])
    bytes[first.length]! ^= 0x08 // the length of the second record
    const run = parseTfEvents([{ name: 'ev', bytes }], { name: 'syn' })
    expect(run.rows.map((r) => r['a'])).toEqual([1, 3])
    expect(run.warnings[0]!.message).toMatch(/skipped \d+ bytes to the next good record/)
  })

  it('a truncated file keeps the complete events', () => {
    const bytes = synthFile()
    const run = parseTfEvents([{ name: 'ev', bytes: bytes.subarray(0, bytes.length - 10) }], { name: 'syn' })
    expect(run.rows).toHaveLength(9)
    expect(run.warnings.map((w) => w.code)).toEqual(['tfevents/truncated'])
  })

  it('NaN scalars become the "NaN" wire string', () => {
    const bytes = concatBytes([tfRecord(eventRecord({ wallTime: 1, step: 0, values: [{ tag: 'loss', simple: NaN }] }))])
    expect(parseTfEvents([{ name: 'ev', bytes }], { name: 'n' }).rows[0]!['loss']).toBe('NaN')
  })

  it('an empty file or another format is a clear error', () => {
    expect(() => parseTfEvents([{ name: 'ev', bytes: new Uint8Array(0) }], { name: 'x' })).toThrow(MetricsFormatError)
    expect(() => parseTfEvents([{ name: 'ev', bytes: new TextEncoder().encode('step,loss\n0,1\n1,0.5\n') }], { name: 'x' })).toThrow(
      /not a TensorBoard event file/
    )
  })
})
