/** The session's prediction log: what an entry says, the limit, CSV and JSONL exports. */
import { describe, expect, it } from 'vitest'
import { PredictionLog, summarizeInput, toCsv } from '../../../../src/core/probe/prediction-log'

const answer = {
  predictions: [
    { label: 'not a disaster', score: 0.2 },
    { label: 'disaster', score: 0.8 }
  ],
  latencyMs: 0.42
}
const at = new Date('2026-01-14T09:14:00Z')

describe('PredictionLog', () => {
  it('keeps the input, the top labels best first, the latency and the source', () => {
    const log = new PredictionLog()
    const entry = log.add('tweets', 'local', { text: 'Forest fire near La Ronge' }, answer, at)
    expect(entry).toEqual({
      seq: 1,
      at: '2026-01-14T09:14:00.000Z',
      model: 'tweets',
      source: 'local',
      inputKind: 'text',
      input: 'Forest fire near La Ronge',
      label: 'disaster',
      score: 0.8,
      top: [
        { label: 'disaster', score: 0.8 },
        { label: 'not a disaster', score: 0.2 }
      ],
      latencyMs: 0.42
    })
  })

  it('describes images and feature rows briefly', () => {
    expect(summarizeInput({ image: 'examples/3.png' }).summary).toBe('examples/3.png')
    expect(summarizeInput({ image: `data:image/png;base64,iVBOR${'A'.repeat(4000)}` }).summary).toBe('PNG image, 3.0 kB')
    expect(summarizeInput({ features: { alcohol: 13.7, colour: 'red', ash: null } }).summary).toBe('alcohol=13.7; colour=red; ash=')
    expect(summarizeInput({ text: 'x'.repeat(900) }).summary).toHaveLength(501)
  })

  it('lists newest first, per model, and drops the oldest past its limit', () => {
    const log = new PredictionLog(3)
    for (let i = 0; i < 5; i++) log.add(i % 2 ? 'b' : 'a', 'local', { text: `t${i}` }, answer, at)
    const page = log.page()
    expect(page.entries.map((e) => e.input)).toEqual(['t4', 't3', 't2'])
    expect(page.dropped).toBe(2)
    expect(log.page('a').entries.map((e) => e.seq)).toEqual([5, 3])
    expect(log.clear()).toBe(3)
    expect(log.add('a', 'local', { text: 'again' }, answer, at).seq).toBe(6)
  })

  it('exports CSV that a spreadsheet reads back exactly, with formula-looking text kept as text', () => {
    const log = new PredictionLog()
    log.add('tweets', 'deployed', { text: 'He said "run", then left\nnew line' }, answer, at)
    log.add('tweets', 'local-fallback', { text: '=HYPERLINK("http://x")' }, answer, at)
    const file = log.export('csv', undefined, at)
    expect(file.filename).toBe('predictions-2026-01-14-09-14-00.csv')
    expect(file.rows).toBe(2)
    const lines = file.content.split('\r\n')
    expect(lines[0]).toBe('seq,at,model,source,input_kind,input,label,score,second_label,second_score,latency_ms')
    expect(file.content).toContain(
      '1,2026-01-14T09:14:00.000Z,tweets,deployed,text,"He said ""run"", then left\nnew line",disaster,0.800000,not a disaster,0.200000,0.42\r\n'
    )
    expect(file.content).toContain(`,"'=HYPERLINK(""http://x"")",`)
    expect(toCsv([])).toBe('seq,at,model,source,input_kind,input,label,score,second_label,second_score,latency_ms\r\n')
  })

  it('exports JSON Lines, one parsable entry per line, optionally of one model', () => {
    const log = new PredictionLog()
    log.add('a', 'local', { text: '=1+1' }, answer, at)
    log.add('b', 'local', { text: 'other' }, answer, at)
    const file = log.export('jsonl', 'a', at)
    expect(file.filename).toBe('predictions-a-2026-01-14-09-14-00.jsonl')
    const rows = file.content
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { input: string; model: string })
    expect(rows).toEqual([expect.objectContaining({ model: 'a', input: '=1+1' })])
  })
})
