import { describe, expect, it } from 'vitest'
import type { HistoryRow } from '../../../../src/shared/types'
import { cellNumber, extractColumns, extractSeries, seriesFromColumns, xColumn } from '../../../../src/core/series/values'
import { allIntegers, formatDuration, formatValue, formatX, niceTicks, parseXKey } from '../../../../src/core/series/x-axis'

describe('cellNumber', () => {
  it('reads numbers and the API non-finite strings', () => {
    expect(cellNumber(1.5)).toBe(1.5)
    expect(cellNumber('NaN')).toBeNaN()
    expect(cellNumber('Infinity')).toBe(Infinity)
    expect(cellNumber('-Infinity')).toBe(-Infinity)
    expect(cellNumber('0.25')).toBe(0.25)
    expect(cellNumber(null)).toBeUndefined()
    expect(cellNumber('hello')).toBeUndefined()
    expect(cellNumber(true)).toBeUndefined()
  })
})

describe('extractSeries', () => {
  const rows: HistoryRow[] = [
    { _step: 0, _runtime: 1, _timestamp: 1000, 'train/loss': 1 },
    { _step: 1, _runtime: 2, _timestamp: 1001, 'train/loss': 'NaN' },
    { _step: 2, _runtime: 3, _timestamp: 1002, 'train/loss': 0.5, epoch: 0, 'val/loss': 0.9 },
    { _step: 3, _runtime: 4, _timestamp: 1003, 'train/loss': 0.4 },
    { _step: 4, _runtime: 5, _timestamp: 1004, 'train/loss': 0.3, epoch: 1, 'val/loss': 'Infinity' }
  ]

  it('pulls a metric against _step, keeping non-finite points', () => {
    const { series, stats } = extractSeries(rows, 'train/loss', '_step')
    expect([...series.x]).toEqual([0, 1, 2, 3, 4])
    expect(series.y[1]).toBeNaN()
    expect(stats).toEqual({ nonFinite: 1, missingX: 0 })
  })

  it('forward-fills a sparse x key and drops rows before the first x', () => {
    const { series, stats } = extractSeries(rows, 'train/loss', 'epoch')
    expect([...series.x]).toEqual([0, 0, 1])
    expect([...series.y]).toEqual([0.5, 0.4, 0.3])
    expect(stats.missingX).toBe(2)
  })

  it('uses wall time and relative time, and sorts out-of-order x', () => {
    expect([...extractSeries(rows, 'val/loss', '_timestamp').series.x]).toEqual([1002, 1004])
    const shuffled = [
      { _step: 2, a: 3 },
      { _step: 0, a: 1 },
      { _step: 1, a: 2 }
    ]
    const { series } = extractSeries(shuffled, 'a', '_step')
    expect([...series.x]).toEqual([0, 1, 2])
    expect([...series.y]).toEqual([1, 2, 3])
  })

  it('reads the x column once (NaN where missing) and gives the same series with it', () => {
    const col = xColumn(rows, 'epoch')
    expect(col.length).toBe(rows.length)
    expect(Number.isNaN(col[0]!)).toBe(true)
    for (const key of ['train/loss', 'val/loss']) {
      const shared = extractSeries(rows, key, 'epoch', col)
      const own = extractSeries(rows, key, 'epoch')
      expect([...shared.series.x]).toEqual([...own.series.x])
      expect([...shared.series.y]).toEqual([...own.series.y])
      expect(shared.stats).toEqual(own.stats)
    }
  })
})

describe('extractColumns (one pass over the rows for every key)', () => {
  const rows: HistoryRow[] = [
    { _step: 0, a: 1, b: 'NaN' },
    { _step: 1, a: '2.5', c: 'text' },
    { _step: 2, a: null, b: 4 },
    { _step: 3, a: 'Infinity' }
  ]

  it('reads each key as a typed column with presence, counts and non-finite counts', () => {
    const cols = extractColumns(rows, ['_step', 'a', 'b', 'c', 'missing'])
    expect([...cols.get('_step')!.values]).toEqual([0, 1, 2, 3])
    const a = cols.get('a')!
    expect([...a.present]).toEqual([1, 1, 0, 1])
    expect(a.values[1]).toBe(2.5)
    expect(a.values[2]).toBeNaN()
    expect(a.values[3]).toBe(Infinity)
    expect(a.count).toBe(3)
    expect(a.nonFinite).toBe(1)
    const b = cols.get('b')!
    expect([...b.present]).toEqual([1, 0, 1, 0])
    expect(b.nonFinite).toBe(1)
    expect(cols.get('c')!.count).toBe(0)
    expect(cols.get('missing')!.count).toBe(0)
  })

  it('gives the same series as extractSeries, and shares the columns when the metric is dense', () => {
    const dense: HistoryRow[] = Array.from({ length: 50 }, (_, i) => ({
      _step: i,
      ...(i % 10 === 0 ? { epoch: i / 10 } : {}),
      y: i === 7 ? 'NaN' : Math.sin(i)
    }))
    const cols = extractColumns(dense, ['_step', 'epoch', 'y'])
    const viaCols = seriesFromColumns(cols.get('_step')!.values, cols.get('y')!)
    expect(viaCols.series.x).toBe(cols.get('_step')!.values)
    expect(viaCols.series.y).toBe(cols.get('y')!.values)
    expect(viaCols.stats).toEqual({ nonFinite: 1, missingX: 0 })
    for (const xKey of ['_step', 'epoch'] as const) {
      const a = seriesFromColumns(cols.get(xKey)!.values, cols.get('y')!)
      const b = extractSeries(dense, 'y', xKey)
      expect([...a.series.x]).toEqual([...b.series.x])
      expect([...a.series.y]).toEqual([...b.series.y])
      expect(a.stats).toEqual(b.stats)
    }
  })
})

describe('x axis helpers', () => {
  it('parses x attribute words', () => {
    expect(parseXKey('step')).toBe('_step')
    expect(parseXKey('Epoch')).toBe('epoch')
    expect(parseXKey('relative')).toBe('_runtime')
    expect(parseXKey('wall')).toBe('_timestamp')
    expect(parseXKey('banana')).toBeUndefined()
  })

  it('formats values', () => {
    expect(formatDuration(4.25)).toBe('4.3s')
    expect(formatDuration(125)).toBe('2m 05s')
    expect(formatDuration(3723)).toBe('1h 02m 03s')
    expect(formatX('_timestamp', 0)).toBe('1970-01-01 00:00:00')
    expect(formatX('_step', 12)).toBe('12')
    expect(formatValue(0.123456)).toBe('0.1235')
    expect(formatValue(Number.NaN)).toBe('NaN')
    expect(formatValue(1e-6)).toBe('1.000e-6')
  })
})

describe('niceTicks on a whole-number axis', () => {
  it('puts no tick between two epochs', () => {
    expect(niceTicks(1, 4, 6)).toContain(1.5)
    expect(niceTicks(1, 4, 6, true)).toEqual([1, 2, 3, 4])
    expect(niceTicks(0, 2, 8, true)).toEqual([0, 1, 2])
  })
  it('changes nothing where the steps are whole anyway', () => {
    expect(niceTicks(0, 469, 5, true)).toEqual(niceTicks(0, 469, 5))
  })
  it('allIntegers tells epochs 1, 2, 3 from fractional epochs', () => {
    expect(allIntegers([1, 2, 3])).toBe(true)
    expect(allIntegers(Float64Array.from([0, 0.0208, 1]))).toBe(false)
    expect(allIntegers([])).toBe(true)
  })
})

describe('niceTicks', () => {
  it('gives round steps inside the range, never the odd end value', () => {
    expect(niceTicks(0, 469, 5)).toEqual([0, 100, 200, 300, 400])
    expect(niceTicks(0.1, 0.95, 4)).toEqual([0.2, 0.4, 0.6, 0.8])
    expect(niceTicks(121, 275, 6)).toEqual([140, 160, 180, 200, 220, 240, 260])
    expect(niceTicks(5, 5)).toEqual([5])
    expect(niceTicks(Number.NaN, 1)).toEqual([])
  })
})
