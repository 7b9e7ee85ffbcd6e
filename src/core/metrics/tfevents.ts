/**
 * TensorBoard event files (`events.out.tfevents.*`, TensorFlow's TFRecord + event.proto):
 * TFRecord framing (uint64 length, masked CRC-32C of the length, data, masked
 * CRC-32C of the data) around protobuf `Event`s. We keep scalars: legacy
 * `simple_value` and scalar tensors (float_val / double_val / tensor_content,
 * DT_FLOAT or DT_DOUBLE) whose tag the "scalars" plugin claimed, where that
 * metadata may sit only on the tag's first value. Histograms, images, graphs,
 * hparams and text are skipped. Several files of one run merge by step.
 *
 * [Note: tfevents speed] Events are walked by hand over the raw bytes
 * (pb-scan.ts) with the field numbers below instead of materialising message
 * objects: one scalar costs an interned tag lookup, a row lookup and a store.
 */
import type { Problem } from '../../shared/types'
import { maskedCrc32c as maskedCrc32cImport } from './crc'
import { cur as curImport, int64 as int64Import, skip as skipImport, StringCache, utf8 as utf8Import, varint as varintImport } from './pb-scan'
import { attachTable, HistoryTable } from './history-table'
import { MetricsFormatError, problem, type ImportedRun } from './types'

// Hot-path imports bound once: through a CommonJS shim (tsx, vitest) each use of an imported name
// is a getter call the JIT does not inline (see wandb-file.ts).
const maskedCrc32c = maskedCrc32cImport
const cur = curImport
const int64 = int64Import
const skip = skipImport
const utf8 = utf8Import
const varint = varintImport

/** Our minimal schema: field numbers of tensorflow Event / Summary / Value / TensorProto. */
const F = {
  event: { wallTime: 1, step: 2, fileVersion: 3, summary: 5 },
  summary: { value: 1 },
  value: { tag: 1, simpleValue: 2, tensor: 8, metadata: 9 },
  metadata: { pluginData: 1, dataClass: 4 },
  pluginData: { pluginName: 1 },
  tensor: { dtype: 1, shape: 2, content: 4, floatVal: 5, doubleVal: 6 },
  shape: { dim: 2 },
  dim: { size: 1 }
} as const

const DT_FLOAT = 1
const DT_DOUBLE = 2
const DATA_CLASS_SCALAR = 1
const MAX_WARNINGS = 50

/** One event file of a run; `prefix` is put before its tags (Keras `train/`, `validation/`). */
export interface TfEventsFile {
  name: string
  bytes: Uint8Array
  prefix?: string
}

/** True when a file name looks like a TensorBoard event file. */
export function isTfEventsName(name: string): boolean {
  return /(^|[/\\])events\.out\.tfevents\./.test(name) || name.includes('tfevents')
}

/**
 * Walks TFRecord framing and calls `onRecord` with each record's data range. A bad
 * length CRC means the length cannot be trusted: we scan forward for the next
 * valid frame and go on. A bad data CRC skips just that record.
 */
export function readTfRecords(
  bytes: Uint8Array,
  onRecord: (bytes: Uint8Array, start: number, end: number, offset: number) => void,
  warn: (p: Problem) => void,
  fileName = 'event file'
): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const len = bytes.length
  let pos = 0
  while (pos < len) {
    if (pos + 12 > len) {
      warn(problem('tfevents/truncated', `${fileName} ends inside a record header at byte ${pos}; the last record was dropped.`))
      return
    }
    const ok = frameAt(bytes, view, pos)
    if (ok === null) {
      const next = resync(bytes, view, pos + 1)
      warn(
        problem(
          'tfevents/checksum',
          next < 0
            ? `${fileName}: damaged record header at byte ${pos} (length checksum mismatch); nothing readable after it.`
            : `${fileName}: damaged record header at byte ${pos} (length checksum mismatch); skipped ${next - pos} bytes to the next good record.`
        )
      )
      if (next < 0) return
      pos = next
      continue
    }
    const dataStart = pos + 12
    const dataEnd = dataStart + ok
    if (dataEnd + 4 > len) {
      warn(problem('tfevents/truncated', `${fileName} is truncated at byte ${len}: the last record (at byte ${pos}) is incomplete and was dropped.`))
      return
    }
    if (maskedCrc32c(bytes, dataStart, dataEnd) !== view.getUint32(dataEnd, true)) {
      warn(
        problem('tfevents/checksum', `${fileName}: data checksum mismatch in the record at byte ${pos}; that record was skipped, the rest was kept.`)
      )
    } else {
      onRecord(bytes, dataStart, dataEnd, pos)
    }
    pos = dataEnd + 4
  }
}

/** The data length of a valid frame header at `pos`, or null when its length CRC does not match. */
function frameAt(bytes: Uint8Array, view: DataView, pos: number): number | null {
  if (maskedCrc32c(bytes, pos, pos + 8) !== view.getUint32(pos + 8, true)) return null
  const high = view.getUint32(pos + 4, true)
  const low = view.getUint32(pos, true)
  if (high !== 0 || pos + 16 + low > bytes.length + 0x7fffffff) return null
  return low
}

function resync(bytes: Uint8Array, view: DataView, from: number): number {
  for (let p = from; p + 12 <= bytes.length; p++) {
    const n = frameAt(bytes, view, p)
    if (n !== null && p + 16 + n <= bytes.length) return p
  }
  return -1
}

/** What a tag's first value told us about it. */
type TagKind = 'scalar' | 'other'

/**
 * Parses the event files of one run into one ImportedRun. Throws
 * MetricsFormatError when no file has even one valid TFRecord frame.
 */
export function parseTfEvents(files: TfEventsFile[], options: { name: string }): ImportedRun {
  const warnings: Problem[] = []
  const warn = (p: Problem): void => {
    if (warnings.length < MAX_WARNINGS) warnings.push(p)
    else if (warnings.length === MAX_WARNINGS) warnings.push(problem('tfevents/many-problems', 'More problems in these files were not listed.'))
  }
  const table = new HistoryTable()
  const metrics = new Set<string>()
  let minWall = Infinity
  const tags = new StringCache()
  let framesSeen = 0

  let lastTag = ''
  // The row keeps the earliest wall time of its step in _timestamp; _runtime is filled in at the end.
  const sink: ScalarSink = (tag, step, wall, value) => {
    const idx = table.rowIndex(step)
    table.set(idx, tag, value)
    if (tag !== lastTag) {
      metrics.add(tag)
      lastTag = tag
    }
    if (wall > 0) {
      const seen = table.get(idx, '_timestamp')
      if (seen === undefined || wall < seen) table.set(idx, '_timestamp', wall)
      if (wall < minWall) minWall = wall
    }
  }

  for (const file of files) {
    if (file.bytes.length === 0) {
      warn(problem('tfevents/empty', `${file.name} is empty.`))
      continue
    }
    const prefix = file.prefix ?? ''
    const kinds = new Map<string, TagKind>()
    const before = framesSeen
    readTfRecords(
      file.bytes,
      (data, start, end, offset) => {
        framesSeen++
        try {
          readEvent(data, start, end, prefix, kinds, tags, sink)
        } catch (error) {
          warn(
            problem('tfevents/bad-event', `${file.name}: the event at byte ${offset} could not be decoded (${(error as Error).message}); skipped.`)
          )
        }
      },
      warn,
      file.name
    )
    if (framesSeen === before && files.length === 1) {
      throw new MetricsFormatError(`${file.name} is not a TensorBoard event file: no valid TFRecord frame was found.`)
    }
  }
  if (framesSeen === 0) throw new MetricsFormatError('No TensorBoard event could be read from these files.')

  for (let i = 0; i < table.length; i++) {
    const wall = table.get(i, '_timestamp')
    if (wall !== undefined) table.set(i, '_runtime', wall - minWall)
  }
  return attachTable<ImportedRun>(
    { name: options.name, source: 'tensorboard', metrics: [...metrics], config: {}, summary: table.lastValues(), warnings },
    table
  )
}

type ScalarSink = (tag: string, step: number, wallTime: number, value: number) => void

/** Decodes one Event and reports its scalar values. Each helper leaves `cur.p` at the end of what it read. */
function readEvent(
  data: Uint8Array,
  start: number,
  len: number,
  prefix: string,
  kinds: Map<string, TagKind>,
  tags: StringCache,
  sink: ScalarSink
): void {
  let wall = 0
  let step = 0
  let summaryStart = -1
  let summaryEnd = -1
  cur.p = start
  while (cur.p < len) {
    const tag = varint(data)
    const field = tag >>> 3
    const wire = tag & 7
    if (field === F.event.wallTime && wire === 1) {
      if (cur.p + 8 > len) throw new RangeError('wall_time runs past the event')
      wall = view(data).getFloat64(cur.p, true)
      cur.p += 8
    } else if (field === F.event.step && wire === 0) {
      step = int64(data)
    } else if (field === F.event.summary && wire === 2) {
      const n = varint(data)
      summaryStart = cur.p
      summaryEnd = cur.p + n
      if (summaryEnd > len) throw new RangeError('summary runs past the event')
      cur.p = summaryEnd
    } else skip(data, wire, len)
  }
  if (summaryStart < 0) return
  // Summary: repeated Value value = 1.
  cur.p = summaryStart
  while (cur.p < summaryEnd) {
    const tag = varint(data)
    if (tag >>> 3 === F.summary.value && (tag & 7) === 2) {
      const n = varint(data)
      const end = cur.p + n
      if (end > summaryEnd) throw new RangeError('value runs past the summary')
      readValue(data, cur.p, end, prefix, kinds, tags, step, wall, sink)
      cur.p = end
    } else skip(data, tag & 7, summaryEnd)
  }
}

let lastView: DataView | null = null
let lastViewBuf: Uint8Array | null = null
/** A DataView over `buf`, reused while the same buffer is being read. */
function view(buf: Uint8Array): DataView {
  if (lastViewBuf !== buf) {
    lastViewBuf = buf
    lastView = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  }
  return lastView!
}

function readValue(
  data: Uint8Array,
  start: number,
  end: number,
  prefix: string,
  kinds: Map<string, TagKind>,
  tags: StringCache,
  step: number,
  wall: number,
  sink: ScalarSink
): void {
  let tagName = ''
  let simple: number | undefined
  let tensorStart = -1
  let tensorEnd = -1
  let kind: TagKind | undefined
  cur.p = start
  while (cur.p < end) {
    const t = varint(data)
    const field = t >>> 3
    const wire = t & 7
    if (field === F.value.tag && wire === 2) {
      const n = varint(data)
      tagName = tags.get(data, cur.p, cur.p + n)
      cur.p += n
    } else if (field === F.value.simpleValue && wire === 5) {
      simple = view(data).getFloat32(cur.p, true)
      cur.p += 4
    } else if (field === F.value.tensor && wire === 2) {
      const n = varint(data)
      tensorStart = cur.p
      tensorEnd = cur.p + n
      cur.p = tensorEnd
    } else if (field === F.value.metadata && wire === 2) {
      const n = varint(data)
      const mEnd = cur.p + n
      kind = metadataKind(data, cur.p, mEnd)
      cur.p = mEnd
    } else skip(data, wire, end)
  }
  if (cur.p > end) throw new RangeError('value field runs past the value')
  if (!tagName) return
  const key = prefix ? prefix + tagName : tagName
  if (kind !== undefined && !kinds.has(key)) kinds.set(key, kind)
  if (simple !== undefined) {
    sink(key, step, wall, simple)
    return
  }
  if (tensorStart >= 0 && kinds.get(key) !== 'other') {
    const v = scalarFromTensor(data, tensorStart, tensorEnd)
    if (v !== undefined) sink(key, step, wall, v)
  }
}

/** 'scalar' for the scalars plugin or data_class SCALAR, 'other' for any other plugin; undefined when it says nothing. */
function metadataKind(data: Uint8Array, start: number, end: number): TagKind | undefined {
  let plugin: string | undefined
  let dataClass = 0
  cur.p = start
  while (cur.p < end) {
    const t = varint(data)
    if (t >>> 3 === F.metadata.pluginData && (t & 7) === 2) {
      const pEnd = varint(data) + cur.p
      while (cur.p < pEnd) {
        const pt = varint(data)
        if (pt >>> 3 === F.pluginData.pluginName && (pt & 7) === 2) {
          const n = varint(data)
          plugin = utf8(data, cur.p, cur.p + n)
          cur.p += n
        } else skip(data, pt & 7, pEnd)
      }
    } else if (t >>> 3 === F.metadata.dataClass && (t & 7) === 0) {
      dataClass = varint(data)
    } else skip(data, t & 7, end)
  }
  if (plugin === 'scalars' || dataClass === DATA_CLASS_SCALAR) return 'scalar'
  if (plugin) return 'other'
  return undefined
}

/** The single value of a one-element DT_FLOAT/DT_DOUBLE tensor, else undefined. */
function scalarFromTensor(data: Uint8Array, start: number, end: number): number | undefined {
  let dtype = 0
  let elements = 1
  let first: number | undefined
  let contentStart = -1
  let contentEnd = -1
  const dv = view(data)
  cur.p = start
  while (cur.p < end) {
    const t = varint(data)
    const wire = t & 7
    switch (t >>> 3) {
      case F.tensor.dtype:
        dtype = varint(data)
        break
      case F.tensor.shape: {
        const sEnd = varint(data) + cur.p
        elements = shapeElements(data, cur.p, sEnd)
        cur.p = sEnd
        break
      }
      case F.tensor.content: {
        const n = varint(data)
        contentStart = cur.p
        contentEnd = cur.p + n
        cur.p = contentEnd
        break
      }
      case F.tensor.floatVal:
        if (wire === 2) {
          const fEnd = varint(data) + cur.p
          if (fEnd - cur.p >= 4) first ??= dv.getFloat32(cur.p, true)
          cur.p = fEnd
        } else if (wire === 5) {
          first ??= dv.getFloat32(cur.p, true)
          cur.p += 4
        } else skip(data, wire, end)
        break
      case F.tensor.doubleVal:
        if (wire === 2) {
          const dEnd = varint(data) + cur.p
          if (dEnd - cur.p >= 8) first ??= dv.getFloat64(cur.p, true)
          cur.p = dEnd
        } else if (wire === 1) {
          first ??= dv.getFloat64(cur.p, true)
          cur.p += 8
        } else skip(data, wire, end)
        break
      default:
        skip(data, wire, end)
    }
  }
  if ((dtype !== DT_FLOAT && dtype !== DT_DOUBLE) || elements !== 1) return undefined
  if (contentStart >= 0 && contentEnd > contentStart) {
    if (dtype === DT_FLOAT && contentEnd - contentStart >= 4) return dv.getFloat32(contentStart, true)
    if (dtype === DT_DOUBLE && contentEnd - contentStart >= 8) return dv.getFloat64(contentStart, true)
    return undefined
  }
  return first
}

function shapeElements(data: Uint8Array, start: number, end: number): number {
  let elements = 1
  cur.p = start
  while (cur.p < end) {
    const t = varint(data)
    if (t >>> 3 === F.shape.dim && (t & 7) === 2) {
      const dEnd = varint(data) + cur.p
      while (cur.p < dEnd) {
        const dt = varint(data)
        if (dt >>> 3 === F.dim.size && (dt & 7) === 0) elements *= int64(data)
        else skip(data, dt & 7, dEnd)
      }
    } else skip(data, t & 7, end)
  }
  return elements
}
