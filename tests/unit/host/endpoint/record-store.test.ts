import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { RECORD_FILE, RecordStore } from '../../../../src/host/endpoint/record-store'

const dirs: string[] = []
const deck = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'demodeck-record-'))
  dirs.push(dir)
  return dir
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

describe('rehearsal record', () => {
  it('keeps the newest answers per model and writes nothing for a deck that records nothing', async () => {
    const root = deck()
    const store = new RecordStore(root)
    await store.load()
    await store.flush()
    expect(existsSync(join(root, RECORD_FILE))).toBe(false)
    for (let i = 0; i < 4; i++) store.add('m', { at: `2026-12-05T09:1${i}:00Z`, latencyMs: 400 + i, input: `t${i}`, label: 'a', score: 0.5 }, 3)
    await store.flush()
    const saved = JSON.parse(readFileSync(join(root, RECORD_FILE), 'utf8')) as { version: number; models: { m: Array<{ latencyMs: number }> } }
    expect(saved.version).toBe(1)
    expect(saved.models.m.map((r) => r.latencyMs)).toEqual([403, 402, 401])
    const reread = new RecordStore(root)
    await reread.load()
    expect(reread.get('m')[0]!.input).toBe('t3')
  })

  it('a broken record file is an empty record (and is said), never a crash', async () => {
    const root = deck()
    mkdirSync(join(root, '.demodeck'))
    writeFileSync(join(root, RECORD_FILE), '{"version": 7')
    const said: string[] = []
    const store = new RecordStore(root, (m) => said.push(m))
    await store.load()
    expect(store.get('m')).toEqual([])
    expect(said.join()).toContain('is not JSON')
  })
})
