/**
 * Reader for W&B's binary run log `run-<id>.wandb` (the wandb SDK's datastore format):
 * a 7-byte header, then LevelDB-log blocks of 32 KiB holding CRC-checked
 * chunks (FULL, or FIRST + MIDDLE* + LAST) whose payloads are protobuf
 * `wandb_internal.Record`s. We keep history rows, summary, config, run meta and
 * the exit code; every damaged chunk or record becomes a warning and reading
 * goes on with the next good chunk.
 *
 * [Note: .wandb speed] FULL chunks are decoded in place (subarray, no copy).
 * The outer Record and the hot HistoryRecord are walked by hand over the raw
 * bytes (pb-scan.ts) with the field numbers of our schema in wandb-proto.ts:
 * the many records we skip (output_raw, stats, files…) are never materialised,
 * keys are interned, and value_json numbers are read straight from the bytes
 * (fast-number.ts, bit-identical to Number()) without JSON.parse or a string. The
 * rare records (run, summary, config, exit) are decoded with protobufjs.
 */
import type { Problem } from '../../shared/types'
import { crc32 as crc32Import } from './crc'
import { fastNumber as fastNumberImport, parseValueJson } from './tolerant-json'
import { parseDecimalBytes as parseDecimalBytesImport } from './fast-number'
import { cur as curImport, int64 as int64Import, skip as skipImport, StringCache, utf8 as utf8Import, varint as varintImport } from './pb-scan'
import { pb, RecordField as RecordFieldImport, type PbItem, type PbRunExitRecord, type PbRunRecord, type PbUpdateRecord } from './wandb-proto'
import { attachTable, HistoryTable } from './history-table'
import { MetricsFormatError, problem, wireValue, type ImportedRun } from './types'

// Hot-path imports bound once: when this module runs through a CommonJS shim (tsx, vitest), every
// use of an imported name is a getter call that the JIT does not inline (~40% of the import time).
const crc32 = crc32Import
const fastNumber = fastNumberImport
const parseDecimalBytes = parseDecimalBytesImport
const cur = curImport
const int64 = int64Import
const skip = skipImport
const utf8 = utf8Import
const varint = varintImport
const RecordField = RecordFieldImport

const BLOCK = 32768
const CHUNK_HEADER = 7
const FILE_HEADER = 7
const FULL = 1
const FIRST = 2
const MIDDLE = 3
const LAST = 4

/** True when the bytes start with the .wandb header `:W&B` E1 BE. */
export function isWandbFile(bytes: Uint8Array): boolean {
  return (
    bytes.length >= FILE_HEADER &&
    bytes[0] === 0x3a &&
    bytes[1] === 0x57 &&
    bytes[2] === 0x26 &&
    bytes[3] === 0x42 &&
    bytes[4] === 0xe1 &&
    bytes[5] === 0xbe
  )
}

/**
 * Walks the LevelDB-style log and calls `onRecord` with each complete record
 * payload. Damage is reported through `warn`; consecutive bad chunks while
 * resynchronising give one warning, not one per chunk.
 */
export function readWandbLog(bytes: Uint8Array, onRecord: (payload: Uint8Array, offset: number) => void, warn: (p: Problem) => void): void {
  if (!isWandbFile(bytes)) {
    throw new MetricsFormatError('Not a W&B run log: a .wandb file starts with ":W&B" and the bytes E1 BE.')
  }
  if (bytes[6] !== 0) {
    warn(problem('wandb/version', `Unknown .wandb format version ${bytes[6]}; reading it as version 0.`))
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const len = bytes.length
  let pos = FILE_HEADER
  let parts: Uint8Array[] | null = null
  let partsOffset = 0
  let resyncing = false
  const damaged = (code: string, message: string): void => {
    if (parts) parts = null
    if (!resyncing) warn(problem(code, message))
    resyncing = true
  }
  while (pos < len) {
    const blockEnd = (Math.floor(pos / BLOCK) + 1) * BLOCK
    if (blockEnd - pos < CHUNK_HEADER) {
      pos = blockEnd // trailer padding
      continue
    }
    if (pos + CHUNK_HEADER > len) {
      if (!allZero(bytes, pos, len))
        warn(problem('wandb/truncated', `The file ends inside a chunk header at byte ${pos}; the last record is incomplete.`))
      break
    }
    const stored = view.getUint32(pos, true)
    const length = view.getUint16(pos + 4, true)
    const type = bytes[pos + 6]!
    const start = pos + CHUNK_HEADER
    const end = start + length
    if (type === 0 && length === 0 && stored === 0) {
      pos = blockEnd // zero-filled (preallocated) space
      continue
    }
    if (end > blockEnd) {
      damaged('wandb/bad-chunk', `Damaged chunk at byte ${pos}: its length ${length} runs past the 32 KiB block; skipped to the next block.`)
      pos = blockEnd
      continue
    }
    if (end > len) {
      parts = null
      warn(problem('wandb/truncated', `The file is truncated at byte ${len}: the last record (chunk at byte ${pos}) is incomplete and was dropped.`))
      break
    }
    // CRC-32 over the type byte then the payload.
    const actual = crc32(bytes, start, end, crc32(bytes, pos + 6, pos + 7))
    if (actual !== stored) {
      damaged('wandb/checksum', `Checksum mismatch in the chunk at byte ${pos}; that record was skipped, the rest was kept.`)
      pos = end
      continue
    }
    resyncing = false
    const payload = bytes.subarray(start, end)
    switch (type) {
      case FULL:
        if (parts) warn(problem('wandb/incomplete-record', `A record split across chunks ends without its LAST chunk (before byte ${pos}); dropped.`))
        parts = null
        onRecord(payload, pos)
        break
      case FIRST:
        if (parts) warn(problem('wandb/incomplete-record', `A record split across chunks ends without its LAST chunk (before byte ${pos}); dropped.`))
        parts = [payload]
        partsOffset = pos
        break
      case MIDDLE:
      case LAST:
        if (!parts) {
          warn(problem('wandb/orphan-chunk', `A continuation chunk at byte ${pos} has no FIRST chunk; skipped.`))
        } else {
          parts.push(payload)
          if (type === LAST) {
            onRecord(concat(parts), partsOffset)
            parts = null
          }
        }
        break
      default:
        warn(problem('wandb/chunk-type', `Unknown chunk type ${type} at byte ${pos}; skipped.`))
    }
    pos = end
  }
  if (parts) warn(problem('wandb/truncated', 'The file ends inside a record split across chunks; that record was dropped.'))
}

function allZero(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (bytes[i] !== 0) return false
  return true
}

function concat(parts: Uint8Array[]): Uint8Array {
  let total = 0
  for (const p of parts) total += p.length
  const out = new Uint8Array(total)
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
  }
  return out
}

/** A number from value_json bytes (incl. NaN/±Infinity), or undefined for objects, strings, bools. */
function numberFromJson(buf: Uint8Array, start: number, end: number): number | undefined {
  const c = buf[start]
  // Digits, '-', '.', 'N', 'I' can start a number; '{', '"', '[', 't', 'f', 'n' cannot.
  if (c === undefined || !((c >= 48 && c <= 57) || c === 45 || c === 46 || c === 78 || c === 73)) return undefined
  // Bit-identical to Number() on the text; declines (→ the string path) whatever it cannot prove.
  const exact = parseDecimalBytes(buf, start, end)
  return exact !== undefined ? exact : fastNumber(utf8(buf, start, end))
}

function itemKey(item: PbItem): string {
  return item.key || item.nestedKey.join('.')
}

/** Options of `parseWandbFile`. */
export interface WandbFileOptions {
  /** Fallback name when the log has no run record (e.g. the file name). */
  name?: string
}

/**
 * Parses a `.wandb` run log. Throws MetricsFormatError only when the header is
 * wrong; everything else (bad CRC, truncation, undecodable record) is a warning.
 */
export function parseWandbFile(bytes: Uint8Array, options: WandbFileOptions = {}): ImportedRun {
  const warnings: Problem[] = []
  const warn = (p: Problem): void => {
    if (warnings.length < 50) warnings.push(p)
    else if (warnings.length === 50) warnings.push(problem('wandb/many-problems', 'More problems in this file were not listed.'))
  }
  const table = new HistoryTable()
  const metrics = new Set<string>()
  const summary: Record<string, unknown> = {}
  const config: Record<string, unknown> = {}
  let run: PbRunRecord | null = null
  // A run may log several exit records (e.g. crash, then a later sync); any non-zero code means it did not finish cleanly.
  let exitSeen = false
  let exitCode = 0
  let historyIndex = 0

  const applyUpdates = (target: Record<string, unknown>, rec: PbUpdateRecord | null | undefined): void => {
    if (!rec) return
    for (const it of rec.update) {
      const key = itemKey(it)
      if (key === '_wandb' || key.startsWith('_wandb.') || key === 'wandb_version') continue
      const value = parseValueJson(it.valueJson)
      if (value !== undefined) target[key] = value
    }
    for (const it of rec.remove) delete target[itemKey(it)]
  }

  const keys = new StringCache()
  // Rows repeat their keys in the same order, so the key last seen at item slot i is checked first
  // by a plain byte compare; the hashed cache is only consulted on a miss.
  const slotBytes: Uint8Array[] = []
  const slotText: string[] = []
  const keyAt = (slot: number, buf: Uint8Array, a: number, b: number): string => {
    const known = slotBytes[slot]
    const len = b - a
    if (known !== undefined && known.length === len) {
      let i = 0
      while (i < len && known[i] === buf[a + i]) i++
      if (i === len) return slotText[slot]!
    }
    const text = keys.get(buf, a, b)
    slotBytes[slot] = buf.slice(a, b)
    slotText[slot] = text
    return text
  }
  const nested: string[] = []
  // Values of the row being decoded, reused across records (counters instead of `length = 0`, which is slow).
  const pendingKeys: string[] = []
  const pendingValues: number[] = []

  /** Decodes HistoryRecord{item=1 {key=1, nested_key=2, value_json=16}, step=2 {num=1}} in place. */
  const onHistory = (buf: Uint8Array, start: number, end: number): void => {
    let step: number | undefined
    let stepField: number | undefined
    let count = 0
    let slot = 0
    cur.p = start
    while (cur.p < end) {
      const tag = varint(buf)
      const field = tag >>> 3
      if (field === 1 && (tag & 7) === 2) {
        const itemSlot = slot++
        const itemEnd = varint(buf) + cur.p
        if (itemEnd > end) throw new RangeError('history item runs past its record')
        let key = ''
        let nestedCount = 0
        let vStart = -1
        let vEnd = -1
        while (cur.p < itemEnd) {
          const t = varint(buf)
          const f = t >>> 3
          if ((t & 7) === 2 && (f === 1 || f === 2 || f === 16)) {
            const n = varint(buf)
            const a = cur.p
            cur.p += n
            if (cur.p > itemEnd) throw new RangeError('history item field runs past the item')
            if (f === 1) key = keyAt(itemSlot, buf, a, cur.p)
            else if (f === 2) nested[nestedCount++] = keys.get(buf, a, cur.p)
            else {
              vStart = a
              vEnd = cur.p
            }
          } else skip(buf, t & 7, itemEnd)
        }
        if (!key && nestedCount > 0) key = nested.slice(0, nestedCount).join('.')
        if (vStart < 0 || !key) continue
        const value = numberFromJson(buf, vStart, vEnd)
        if (value === undefined) continue // histograms, media, text: not chartable
        if (key === '_step') step = value
        else {
          pendingKeys[count] = key
          pendingValues[count++] = value
        }
      } else if (field === 2 && (tag & 7) === 2) {
        const stepEnd = varint(buf) + cur.p
        while (cur.p < stepEnd) {
          const t = varint(buf)
          if (t === 8) stepField = int64(buf)
          else skip(buf, t & 7, stepEnd)
        }
      } else skip(buf, tag & 7, end)
    }
    if (step === undefined) step = stepField ?? historyIndex
    historyIndex++
    const idx = table.rowIndex(step)
    for (let i = 0; i < count; i++) {
      const key = pendingKeys[i]!
      table.set(idx, key, pendingValues[i]!)
      if (key.charCodeAt(0) !== 95 /* _ */) metrics.add(key)
    }
  }

  readWandbLog(
    bytes,
    (payload, offset) => {
      try {
        cur.p = 0
        const len = payload.length
        while (cur.p < len) {
          const tag = varint(payload)
          const field = tag >>> 3
          const wire = tag & 7
          if (wire === 2 && field !== RecordField.num) {
            const n = varint(payload)
            const start = cur.p
            const end = start + n
            if (end > len) throw new RangeError('field runs past the end of the record')
            switch (field) {
              case RecordField.history:
                onHistory(payload, start, end)
                break
              case RecordField.summary:
                applyUpdates(summary, pb.UpdateRecord.decode(payload.subarray(start, end)) as unknown as PbUpdateRecord)
                break
              case RecordField.config:
                applyUpdates(config, pb.UpdateRecord.decode(payload.subarray(start, end)) as unknown as PbUpdateRecord)
                break
              case RecordField.run: {
                const r = pb.RunRecord.decode(payload.subarray(start, end)) as unknown as PbRunRecord
                run = r
                applyUpdates(config, r.config)
                applyUpdates(summary, r.summary)
                break
              }
              case RecordField.exit: {
                const e = pb.RunExitRecord.decode(payload.subarray(start, end)) as unknown as PbRunExitRecord
                exitSeen = true
                if (e.exitCode !== 0) exitCode = e.exitCode
                break
              }
              default:
                break
            }
            cur.p = end
          } else {
            skip(payload, wire, len)
          }
        }
      } catch (error) {
        warn(problem('wandb/bad-record', `The record at byte ${offset} could not be decoded (${(error as Error).message}); skipped.`))
      }
    },
    warn
  )

  const meta = run as PbRunRecord | null
  const result: ImportedRun = attachTable<ImportedRun>(
    {
      name: meta?.displayName || meta?.runId || options.name || 'wandb run',
      source: 'wandb-file',
      metrics: [...metrics],
      config: wireValue(config) as Record<string, unknown>,
      summary: cleanSummary(summary),
      warnings,
      state: exitSeen ? (exitCode === 0 ? 'finished' : 'crashed') : 'unfinished'
    },
    table
  )
  if (meta?.runId) result.runId = meta.runId
  if (meta?.entity) result.entity = meta.entity
  if (meta?.project) result.project = meta.project
  if (meta?.runGroup) result.group = meta.runGroup
  if (!meta && table.length === 0 && warnings.length === 0) {
    warnings.push(problem('wandb/empty', 'The .wandb file holds no run record and no history.'))
  }
  return result
}

/** Summary without W&B internals and without media/histogram objects (not chartable, often huge). */
export function cleanSummary(summary: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(summary)) {
    if (key === '_wandb') continue
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && '_type' in value) continue
    out[key] = wireValue(value)
  }
  return out
}
