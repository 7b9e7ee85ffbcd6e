import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseCsvFile, parseCsvRows } from '../../../../src/core/metrics/csv'
import { parseJsonl } from '../../../../src/core/metrics/jsonl'
import { parseRunFolder, serializeRunFolder } from '../../../../src/core/metrics/run-folder'
import { MetricsFormatError } from '../../../../src/core/metrics/types'
import { hasReal, realPath, SKIP_REASON } from './real-fixtures'

const CSV = 'wandb-csv'

describe.skipIf(!hasReal)(`W&B CSV exports, real (${SKIP_REASON})`, () => {
  it('line-chart export: 3 runs of "test SSMI_B mean", 200 points, Step 105 → 21199', () => {
    const text = readFileSync(
      realPath(CSV, 'LauraWenderoth__Bachelorarbeit_Kidney_Stain_Transfer/graphics/wandb_export_2022-08-25T22_43_23.724+02_00.csv'),
      'utf8'
    )
    const runs = parseCsvFile(text, 'export')
    expect(runs.map((r) => r.name)).toEqual(['cycle_val_975', 'cycle_val_65', 'cycle_val_0'])
    for (const run of runs) {
      expect(run.source).toBe('wandb-csv')
      expect(run.metrics).toEqual(['test SSMI_B mean'])
      expect(run.rows).toHaveLength(200)
      expect(run.rows[0]!['_step']).toBe(105)
      expect(run.rows[199]!['_step']).toBe(21199)
      expect(run.warnings).toEqual([])
    }
    expect(runs[0]!.rows[0]!['test SSMI_B mean']).toBeCloseTo(0.03921817573774992, 15)
    expect(runs[2]!.rows[0]!['test SSMI_B mean']).toBeCloseTo(0.02956096831420853, 15)
  })

  it('renamed export with MIN ≠ MAX: 2 runs of "test FID_B", 208 rows, Step 13 → 2962', () => {
    const text = readFileSync(
      realPath(CSV, 'LauraWenderoth__Bachelorarbeit_Kidney_Stain_Transfer/results_data/multiple_seed/metrics/test_cycle_PAS2IF_4_patches FID.csv'),
      'utf8'
    )
    const runs = parseCsvFile(text, 'fid')
    expect(runs.map((r) => r.name)).toEqual(['test_cycle_PAS2IF_4_patches_seed_65', 'test_cycle_PAS2IF_4_patches_seed_957'])
    for (const run of runs) {
      expect(run.metrics).toEqual(['test FID_B'])
      expect(run.rows).toHaveLength(208)
      expect(run.rows[0]!['_step']).toBe(13)
      expect(run.rows.at(-1)!['_step']).toBe(2962)
    }
    expect(runs[0]!.rows[0]!['test FID_B']).toBeCloseTo(308.2744793913049, 10)
    expect(runs[1]!.rows[1]!['test FID_B']).toBeCloseTo(246.12408544281487, 10)
  })

  it('runs-table export: 176 runs with config and summary, no history', () => {
    const text = readFileSync(realPath(CSV, 'tidiane-camaret__autoML_switch_opt/graphs/wandb_export_2022-11-30T16 44 19.974+01 00.csv'), 'utf8')
    const runs = parseCsvFile(text, 'table')
    expect(runs).toHaveLength(176)
    expect(runs.filter((r) => r.state === 'finished')).toHaveLength(175)
    expect(runs.filter((r) => r.state === 'failed')).toHaveLength(1)
    const first = runs[0]!
    expect(first).toMatchObject({ name: 'neat-vortex-357', runId: '59obc8zb', state: 'failed', rows: [] })
    expect(first.config).toMatchObject({
      nb_timesteps: 10000,
      problemclass_eval: 'NoisyHillsProblem',
      exploration_fraction: 0.1,
      reward_system: 'function'
    })
    expect(first.summary).toEqual({}) // the failed run has no summary
    expect(runs[1]!.summary).toEqual({
      agent_score: 0.876,
      'all_optimizers_scores.Adam': 0.006,
      'all_optimizers_scores.RMSprop': 0.118,
      'all_optimizers_scores.SGD': 0,
      'all_optimizers_scores.agent': 0.876
    })
    expect('Notes' in first.config).toBe(false)
  })
})

describe('CSV edge cases', () => {
  it('reads a semicolon CSV with decimal commas, as a European Excel saves it', () => {
    // "Save as CSV" in a German or Danish Excel: ';' between cells, ',' as the decimal mark, CRLF, a BOM.
    const text = '\ufeffepoch;train_loss;val_acc;note\r\n1;0,6931;0,51;"warm; up"\r\n2;0,4012;0,78;\r\n3;3,5e-2;0,9;done\r\n'
    const [run] = parseCsvFile(text, 'excel')
    expect(run!.metrics).toEqual(['train_loss', 'val_acc'])
    expect(run!.rows).toEqual([
      { _step: 1, train_loss: 0.6931, val_acc: 0.51 },
      { _step: 2, train_loss: 0.4012, val_acc: 0.78 },
      { _step: 3, train_loss: 0.035, val_acc: 0.9 }
    ])
    expect(parseCsvRows('a;b\n"x;y";2\n')).toEqual([
      ['a', 'b'],
      ['x;y', '2']
    ])
  })

  it('keeps reading comma CSVs whose quoted cells hold semicolons, and tab-separated files', () => {
    expect(parseCsvRows('name,loss\n"a;b;c",1\n"d;e",2\n')).toEqual([
      ['name', 'loss'],
      ['a;b;c', '1'],
      ['d;e', '2']
    ])
    expect(parseCsvFile('step\tloss\n0\t1.5\n1\t0.5\n', 'tsv')[0]!.rows).toEqual([
      { _step: 0, loss: 1.5 },
      { _step: 1, loss: 0.5 }
    ])
  })

  it('splits RFC 4180 quoting, doubled quotes, CRLF and a missing final newline', () => {
    expect(parseCsvRows('a,"b ""q"", c"\r\n1,"2"')).toEqual([
      ['a', 'b "q", c'],
      ['1', '2']
    ])
  })

  it('panel export with blank cells gives each run only its own points', () => {
    const text =
      '"Step","a - loss","a - loss__MIN","a - loss__MAX","b - loss","b - loss__MIN","b - loss__MAX"\n"0","1","1","1","",""," "\n"10","0.5","0.4","0.6","0.7","0.7","0.7"\n"20","NaN","","","0.6","",""'
    const [a, b] = parseCsvFile(text, 'x')
    expect(a!.rows).toEqual([
      { _step: 0, loss: 1 },
      { _step: 10, loss: 0.5 },
      { _step: 20, loss: 'NaN' }
    ])
    expect(b!.rows).toEqual([
      { _step: 10, loss: 0.7 },
      { _step: 20, loss: 0.6 }
    ])
  })

  it('panel export with a time x-axis keeps it as a column and steps by row', () => {
    const [run] = parseCsvFile('"Relative Time (Process)","r - acc"\n"0.5","0.1"\n"1.5","0.2"', 't')
    expect(run!.rows).toEqual([
      { _step: 0, 'Relative Time (Process)': 0.5, acc: 0.1 },
      { _step: 1, 'Relative Time (Process)': 1.5, acc: 0.2 }
    ])
    expect(run!.metrics).toEqual(['acc'])
  })

  it('plain CSV: epoch column as step, text columns left out with a warning, short rows read', () => {
    const runs = parseCsvFile('epoch,loss,acc,note\n1,0.9,0.5,first\n2,0.5,,\n3,inf,0.8,last\n4,0.2\n', 'log')
    expect(runs).toHaveLength(1)
    const run = runs[0]!
    expect(run.source).toBe('csv')
    expect(run.metrics).toEqual(['loss', 'acc'])
    expect(run.rows.map((r) => r['_step'])).toEqual([1, 2, 3, 4])
    expect(run.rows[2]!['loss']).toBe('Infinity')
    expect('acc' in run.rows[1]!).toBe(false)
    expect(run.warnings.map((w) => w.code)).toEqual(['csv/text-columns', 'csv/bad-cell'])
  })

  it('plain CSV without a step column uses the row index', () => {
    const run = parseCsvFile('loss\n3\n2\n1', 'noidx')[0]!
    expect(run.rows.map((r) => [r['_step'], r['loss']])).toEqual([
      [0, 3],
      [1, 2],
      [2, 1]
    ])
  })

  it('an empty file, a binary file, and a CSV without numbers are clear errors', () => {
    expect(() => parseCsvFile('', 'e')).toThrow(/empty/)
    expect(() => parseCsvFile('a,b\n\u0000\u0001,x', 'bin')).toThrow(MetricsFormatError)
    expect(() => parseCsvFile('name,city\nann,rome\n', 'people')).toThrow(/no numeric column/)
  })
})

describe('JSONL', () => {
  it('reads W&B rows with bare NaN, wire strings, nested keys; bad lines are warnings', () => {
    const text = [
      '{"_step": 0, "_runtime": 1.5, "loss": 1.0, "val": {"acc": 0.5}}',
      '{"_step": 1, "loss": NaN, "img": {"_type": "image-file"}}',
      'not json',
      '{"_step": 2, "loss": "-Infinity", "tag": "text"}',
      '[1,2]',
      '{"_step": 3, "loss": 0.25'
    ].join('\n')
    const run = parseJsonl(text, 'h')
    expect(run.rows).toEqual([
      { _step: 0, _runtime: 1.5, loss: 1, 'val.acc': 0.5 },
      { _step: 1, loss: 'NaN' },
      { _step: 2, loss: '-Infinity' }
    ])
    expect(run.metrics).toEqual(['loss', 'val.acc'])
    expect(run.warnings.map((w) => w.message)).toEqual([
      'Line 3 is not valid JSON; skipped.',
      'Line 5 is not a JSON object; skipped.',
      'Line 6 is not valid JSON (the file may be cut off); skipped.'
    ])
  })

  it('uses "step" or the line index when there is no _step', () => {
    expect(parseJsonl('{"step": 5, "a": 1}\n{"a": 2}\n', 's').rows).toEqual([
      { _step: 1, a: 2 },
      { _step: 5, a: 1 }
    ])
  })

  it('behaves like a CSV run: a "step" key is the x, not a metric, and the summary holds the last values', () => {
    const jsonl = parseJsonl('{"step": 0, "loss": 0.9, "acc": 0.5}\n{"step": 1, "loss": 0.4, "acc": 0.75}\n', 'j')
    const csv = parseCsvFile('step,loss,acc\n0,0.9,0.5\n1,0.4,0.75\n', 'c')[0]!
    expect(jsonl.metrics).toEqual(['loss', 'acc'])
    expect(jsonl.metrics).toEqual(csv.metrics)
    expect(jsonl.rows).toEqual(csv.rows)
    expect(jsonl.summary).toEqual({ _step: 1, loss: 0.4, acc: 0.75 })
    expect(jsonl.summary).toEqual(csv.summary)
  })

  it('an empty file or a non-JSONL file is a clear error', () => {
    expect(() => parseJsonl('\n\n', 'e')).toThrow(/empty/)
    expect(() => parseJsonl('a,b\n1,2\n', 'csv')).toThrow(/not JSON Lines/)
  })
})

describe('run folder format', () => {
  it('round-trips through serialize → parse with non-finite values as strings', () => {
    const files = serializeRunFolder(
      {
        name: 'Synced',
        source: 'wandb',
        path: 'e/p/abc12345',
        group: 'g',
        state: 'finished',
        rows: [
          { _step: 0, loss: 1 },
          { _step: 1, loss: 'NaN' }
        ],
        metrics: ['loss'],
        config: { lr: 0.1 },
        summary: { loss: 'NaN', _step: 1 },
        warnings: []
      },
      'e__p__abc12345'
    )
    expect(files['history.jsonl']).toBe('{"_step":0,"loss":1}\n{"_step":1,"loss":"NaN"}\n')
    const back = parseRunFolder({
      folderName: 'e__p__abc12345',
      runJson: files['run.json'],
      configJson: files['config.json'],
      summaryJson: files['summary.json'],
      historyJsonl: files['history.jsonl']
    })
    expect(back).toMatchObject({
      name: 'Synced',
      source: 'wandb',
      path: 'e/p/abc12345',
      group: 'g',
      state: 'finished',
      config: { lr: 0.1 },
      summary: { loss: 'NaN' },
      metrics: ['loss']
    })
    expect(back.rows).toEqual([
      { _step: 0, loss: 1 },
      { _step: 1, loss: 'NaN' }
    ])
  })

  it('bad JSON files are warnings naming the file; no run.json and no history is an error', () => {
    const run = parseRunFolder({ folderName: 'r', runJson: '{"name": 3}', configJson: '{oops', historyJsonl: '{"_step":0,"a":1}\n' })
    expect(run.warnings.map((w) => [w.code, w.file])).toEqual([
      ['run/bad-run-json', 'run.json'],
      ['run/bad-json', 'config.json']
    ])
    expect(run.rows).toHaveLength(1)
    expect(() => parseRunFolder({ folderName: 'r', configJson: '{}' })).toThrow(MetricsFormatError)
  })
})
