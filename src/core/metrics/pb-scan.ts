/**
 * Allocation-free protobuf wire walking for the importers' hot paths (one
 * .wandb history item, one tfevents scalar). protobufjs builds an object per
 * message, which caps a 100 MB log at ~15 MB/s; this walks the same wire format
 * (varints, fixed32/64, length-delimited) over the raw bytes with one shared
 * cursor, and interns repeated key strings.
 */

/** The shared read position; callers set `cur.p` before reading and read it after. */
export const cur = { p: 0 }

/** Reads an unsigned varint up to 2^53 as a number and advances `cur.p`. */
export function varint(buf: Uint8Array): number {
  let p = cur.p
  let b = buf[p++]!
  let v = b & 0x7f
  if (b < 0x80) {
    cur.p = p
    return v
  }
  b = buf[p++]!
  v |= (b & 0x7f) << 7
  if (b < 0x80) {
    cur.p = p
    return v
  }
  b = buf[p++]!
  v |= (b & 0x7f) << 14
  if (b < 0x80) {
    cur.p = p
    return v
  }
  b = buf[p++]!
  v = (v | ((b & 0x7f) << 21)) >>> 0
  if (b < 0x80) {
    cur.p = p
    return v
  }
  let mul = 2 ** 28
  for (let i = 4; i < 10; i++) {
    if (p >= buf.length) throw new RangeError('varint runs past the end')
    b = buf[p++]!
    v += (b & 0x7f) * mul
    mul *= 128
    if (b < 0x80) {
      cur.p = p
      return v
    }
  }
  throw new RangeError('varint longer than 10 bytes')
}

/** int64 varint as a number (two's complement negatives folded back). */
export function int64(buf: Uint8Array): number {
  const v = varint(buf)
  return v >= 2 ** 63 ? v - 2 ** 64 : v
}

/** Skips a field's value of wire type `wire`; throws on groups and bad types. */
export function skip(buf: Uint8Array, wire: number, end: number): void {
  switch (wire) {
    case 0:
      varint(buf)
      break
    case 1:
      cur.p += 8
      break
    case 2: {
      const n = varint(buf)
      cur.p += n
      break
    }
    case 5:
      cur.p += 4
      break
    default:
      throw new RangeError(`unsupported wire type ${wire}`)
  }
  if (cur.p > end) throw new RangeError('field runs past the end of its message')
}

const decoder = new TextDecoder()

/** UTF-8 text of `buf[start, end)`; pure ASCII takes a cheaper path. */
export function utf8(buf: Uint8Array, start: number, end: number): string {
  if (end - start <= 48) {
    let s = ''
    for (let i = start; i < end; i++) {
      const c = buf[i]!
      if (c >= 0x80) return decoder.decode(buf.subarray(start, end))
      s += String.fromCharCode(c)
    }
    return s
  }
  return decoder.decode(buf.subarray(start, end))
}

/** Interns short strings by their bytes so repeated keys (tags, metric names) decode once. */
export class StringCache {
  private readonly buckets = new Map<number, Array<{ bytes: Uint8Array; text: string }>>()

  get(buf: Uint8Array, start: number, end: number): string {
    const len = end - start
    if (len > 128) return utf8(buf, start, end)
    let h = 0x811c9dc5
    for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i]!, 0x01000193)
    h = (h ^ len) >>> 0
    let bucket = this.buckets.get(h)
    if (bucket) {
      outer: for (const e of bucket) {
        if (e.bytes.length !== len) continue
        for (let i = 0; i < len; i++) if (e.bytes[i] !== buf[start + i]) continue outer
        return e.text
      }
    } else {
      bucket = []
      this.buckets.set(h, bucket)
    }
    const text = utf8(buf, start, end)
    bucket.push({ bytes: buf.slice(start, end), text })
    return text
  }
}
