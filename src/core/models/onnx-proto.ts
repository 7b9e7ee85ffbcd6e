/**
 * Reads an ONNX file's header facts (producer, opsets, inputs/outputs, operator
 * histogram, parameter count) straight from its protobuf bytes, without
 * onnxruntime. The model card and the manifest checks use it, so a model can be
 * described even when it cannot run.
 *
 * [Note: our own minimal ONNX schema]
 * Only the fields the card needs are declared below, with their field numbers
 * from onnx/onnx.proto (ModelProto, GraphProto, NodeProto, TensorProto,
 * ValueInfoProto, TypeProto, OperatorSetIdProto). protobufjs skips every field
 * it does not know, so newer ONNX files still decode (numbers checked against
 * onnx 1.12's onnx.proto). Tensor payloads
 * (raw_data, float_data…) are not declared: they are skipped, never copied.
 */
import protobuf from 'protobufjs'
import type { TensorInfo } from '../../shared/types'

const schema = {
  nested: {
    ModelProto: {
      fields: {
        irVersion: { id: 1, type: 'int64' },
        producerName: { id: 2, type: 'string' },
        producerVersion: { id: 3, type: 'string' },
        domain: { id: 4, type: 'string' },
        modelVersion: { id: 5, type: 'int64' },
        docString: { id: 6, type: 'string' },
        graph: { id: 7, type: 'GraphProto' },
        opsetImport: { id: 8, type: 'OperatorSetIdProto', rule: 'repeated' },
        metadataProps: { id: 14, type: 'StringStringEntryProto', rule: 'repeated' }
      }
    },
    OperatorSetIdProto: {
      fields: { domain: { id: 1, type: 'string' }, version: { id: 2, type: 'int64' } }
    },
    StringStringEntryProto: {
      fields: { key: { id: 1, type: 'string' }, value: { id: 2, type: 'string' } }
    },
    GraphProto: {
      fields: {
        node: { id: 1, type: 'NodeProto', rule: 'repeated' },
        name: { id: 2, type: 'string' },
        initializer: { id: 5, type: 'TensorProto', rule: 'repeated' },
        docString: { id: 10, type: 'string' },
        input: { id: 11, type: 'ValueInfoProto', rule: 'repeated' },
        output: { id: 12, type: 'ValueInfoProto', rule: 'repeated' },
        valueInfo: { id: 13, type: 'ValueInfoProto', rule: 'repeated' }
      }
    },
    NodeProto: {
      fields: {
        input: { id: 1, type: 'string', rule: 'repeated' },
        output: { id: 2, type: 'string', rule: 'repeated' },
        name: { id: 3, type: 'string' },
        opType: { id: 4, type: 'string' },
        attribute: { id: 5, type: 'AttributeProto', rule: 'repeated' },
        domain: { id: 7, type: 'string' }
      }
    },
    // Loop/If/Scan bodies (g, graphs) count in the operator histogram.
    AttributeProto: {
      fields: {
        name: { id: 1, type: 'string' },
        i: { id: 3, type: 'int64' },
        s: { id: 4, type: 'bytes' },
        g: { id: 6, type: 'GraphProto' },
        ints: { id: 8, type: 'int64', rule: 'repeated' },
        strings: { id: 9, type: 'bytes', rule: 'repeated' },
        graphs: { id: 11, type: 'GraphProto', rule: 'repeated' }
      }
    },
    TensorProto: {
      fields: {
        dims: { id: 1, type: 'int64', rule: 'repeated' },
        dataType: { id: 2, type: 'int32' },
        name: { id: 8, type: 'string' },
        externalData: { id: 13, type: 'StringStringEntryProto', rule: 'repeated' },
        dataLocation: { id: 14, type: 'int32' }
      }
    },
    ValueInfoProto: {
      fields: { name: { id: 1, type: 'string' }, type: { id: 2, type: 'TypeProto' } }
    },
    TypeProto: {
      fields: {
        tensorType: { id: 1, type: 'TensorTypeProto' },
        sequenceType: { id: 4, type: 'SequenceTypeProto' },
        mapType: { id: 5, type: 'MapTypeProto' },
        sparseTensorType: { id: 8, type: 'TensorTypeProto' },
        optionalType: { id: 9, type: 'SequenceTypeProto' }
      }
    },
    TensorTypeProto: {
      fields: { elemType: { id: 1, type: 'int32' }, shape: { id: 2, type: 'TensorShapeProto' } }
    },
    SequenceTypeProto: { fields: { elemType: { id: 1, type: 'TypeProto' } } },
    MapTypeProto: {
      fields: { keyType: { id: 1, type: 'int32' }, valueType: { id: 2, type: 'TypeProto' } }
    },
    TensorShapeProto: { fields: { dim: { id: 1, type: 'Dimension', rule: 'repeated' } } },
    Dimension: {
      fields: { dimValue: { id: 1, type: 'int64' }, dimParam: { id: 2, type: 'string' } }
    }
  }
}

const root = protobuf.Root.fromJSON(schema)
const ModelProto = root.lookupType('ModelProto')

/** ONNX TensorProto.DataType → the name onnxruntime uses. */
const ELEM_TYPES: Record<number, string> = {
  1: 'float32',
  2: 'uint8',
  3: 'int8',
  4: 'uint16',
  5: 'int16',
  6: 'int32',
  7: 'int64',
  8: 'string',
  9: 'bool',
  10: 'float16',
  11: 'float64',
  12: 'uint32',
  13: 'uint64',
  14: 'complex64',
  15: 'complex128',
  16: 'bfloat16'
}

/** Type name of an ONNX element type number, e.g. 1 → 'float32'. */
export function elemTypeName(elemType: number): string {
  return ELEM_TYPES[elemType] ?? `unknown(${elemType})`
}

interface RawDim {
  dimValue?: number
  dimParam?: string
}
interface RawType {
  tensorType?: { elemType?: number; shape?: { dim?: RawDim[] } }
  sparseTensorType?: { elemType?: number; shape?: { dim?: RawDim[] } }
  sequenceType?: { elemType?: RawType }
  mapType?: { keyType?: number; valueType?: RawType }
  optionalType?: { elemType?: RawType }
}
interface RawValueInfo {
  name?: string
  type?: RawType
}
interface RawAttribute {
  name?: string
  i?: number
  s?: Uint8Array
  g?: RawGraph
  ints?: number[]
  strings?: Uint8Array[]
  graphs?: RawGraph[]
}
interface RawNode {
  input?: string[]
  output?: string[]
  name?: string
  opType?: string
  domain?: string
  attribute?: RawAttribute[]
}
interface RawTensor {
  dims?: number[]
  dataType?: number
  name?: string
  externalData?: Array<{ key?: string; value?: string }>
  dataLocation?: number
}
interface RawGraph {
  node?: RawNode[]
  name?: string
  initializer?: RawTensor[]
  docString?: string
  input?: RawValueInfo[]
  output?: RawValueInfo[]
}
interface RawModel {
  irVersion?: number
  producerName?: string
  producerVersion?: string
  domain?: string
  modelVersion?: number
  docString?: string
  graph?: RawGraph
  opsetImport?: Array<{ domain?: string; version?: number }>
}

/** A graph input/output with a readable type, e.g. `float32` or `seq(map(int64,float32))`. */
export interface OnnxValue extends TensorInfo {
  /** 'tensor' for plain tensors; other kinds (sequence, map…) cannot be fed or read by onnxruntime-node. */
  kind: 'tensor' | 'sequence' | 'map' | 'optional' | 'sparse' | 'unknown'
}

/** A ZipMap node (skl2onnx classifiers): its float input holds the class probabilities. */
export interface ZipMapInfo {
  /** Name of the float tensor feeding ZipMap. */
  input: string
  /** Graph output the ZipMap writes. */
  output: string
  /** Class labels from the node's attributes, as strings. */
  classLabels: string[]
}

/** Everything demodeck reads from an ONNX file's protobuf. */
export interface OnnxSummary {
  irVersion: number
  producer: string
  producerVersion: string
  domain: string
  modelVersion: number
  docString: string
  opsets: Array<{ domain: string; version: number }>
  graphName: string
  inputs: OnnxValue[]
  outputs: OnnxValue[]
  /** Sum of initializer element counts (weights that are inputs too are not counted twice). */
  parameterCount: number
  /** Operator histogram including subgraphs, most used first. */
  operators: Array<{ op: string; count: number }>
  /** Initializers stored outside the file (external data), by location. */
  externalData: string[]
  zipMaps: ZipMapInfo[]
}

/** Thrown when the bytes are not an ONNX model. */
export class OnnxDecodeError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'OnnxDecodeError'
  }
}

function describeType(type: RawType | undefined): { type: string; kind: OnnxValue['kind']; dims?: RawDim[] } {
  if (!type) return { type: 'unknown', kind: 'unknown' }
  if (type.tensorType) {
    return { type: elemTypeName(type.tensorType.elemType ?? 0), kind: 'tensor', dims: type.tensorType.shape?.dim }
  }
  if (type.sparseTensorType) {
    return { type: `sparse(${elemTypeName(type.sparseTensorType.elemType ?? 0)})`, kind: 'sparse' }
  }
  if (type.sequenceType) return { type: `seq(${describeType(type.sequenceType.elemType).type})`, kind: 'sequence' }
  if (type.mapType) {
    const value = describeType(type.mapType.valueType).type
    return { type: `map(${elemTypeName(type.mapType.keyType ?? 0)},${value})`, kind: 'map' }
  }
  if (type.optionalType) return { type: `optional(${describeType(type.optionalType.elemType).type})`, kind: 'optional' }
  return { type: 'unknown', kind: 'unknown' }
}

function toValue(info: RawValueInfo): OnnxValue {
  const described = describeType(info.type)
  const shape = (described.dims ?? []).map((d): number | string | null => {
    if (d.dimParam) return d.dimParam
    if (d.dimValue !== undefined && d.dimValue !== null) return Number(d.dimValue)
    return null
  })
  return { name: info.name ?? '', type: described.type, shape, kind: described.kind }
}

function countOps(graph: RawGraph | undefined, counts: Map<string, number>): void {
  for (const node of graph?.node ?? []) {
    const op = node.domain && node.domain !== 'ai.onnx' ? `${node.domain}.${node.opType}` : (node.opType ?? '?')
    counts.set(op, (counts.get(op) ?? 0) + 1)
    for (const attr of node.attribute ?? []) {
      if (attr.g) countOps(attr.g, counts)
      for (const g of attr.graphs ?? []) countOps(g, counts)
    }
  }
}

const text = new TextDecoder()

/**
 * Decodes an ONNX ModelProto and summarises it.
 * @throws OnnxDecodeError for bytes that are not a (complete) ONNX model.
 */
export function decodeOnnx(bytes: Uint8Array): OnnxSummary {
  if (bytes.length === 0) throw new OnnxDecodeError('the ONNX file is empty')
  let raw: RawModel
  try {
    const message = ModelProto.decode(bytes)
    raw = ModelProto.toObject(message, { longs: Number, defaults: false, arrays: true }) as RawModel
  } catch (error) {
    // protobufjs reports truncation as "index out of range" and garbage as "invalid wire type".
    throw new OnnxDecodeError(
      `not a valid ONNX file (protobuf decoding failed: ${(error as Error).message}); the file may be truncated or not an ONNX model`
    )
  }
  const graph = raw.graph
  if (!graph || !raw.irVersion) {
    throw new OnnxDecodeError('not a valid ONNX file: it has no IR version or no graph')
  }
  const initializerNames = new Set<string>()
  let parameterCount = 0
  const externalData = new Set<string>()
  for (const init of graph.initializer ?? []) {
    initializerNames.add(init.name ?? '')
    parameterCount += (init.dims ?? []).reduce((a, b) => a * Number(b), 1)
    if (init.dataLocation === 1) {
      const location = init.externalData?.find((e) => e.key === 'location')?.value
      if (location) externalData.add(location)
    }
  }
  const counts = new Map<string, number>()
  countOps(graph, counts)
  const zipMaps: ZipMapInfo[] = []
  for (const node of graph.node ?? []) {
    if (node.opType !== 'ZipMap') continue
    const attrs = node.attribute ?? []
    const ints = attrs.find((a) => a.name === 'classlabels_int64s')?.ints ?? []
    const strings = attrs.find((a) => a.name === 'classlabels_strings')?.strings ?? []
    zipMaps.push({
      input: node.input?.[0] ?? '',
      output: node.output?.[0] ?? '',
      classLabels: ints.length ? ints.map((i) => String(i)) : strings.map((s) => text.decode(s))
    })
  }
  return {
    irVersion: Number(raw.irVersion),
    producer: raw.producerName ?? '',
    producerVersion: raw.producerVersion ?? '',
    domain: raw.domain ?? '',
    modelVersion: Number(raw.modelVersion ?? 0),
    docString: raw.docString ?? '',
    opsets: (raw.opsetImport ?? []).map((o) => ({ domain: o.domain || 'ai.onnx', version: Number(o.version ?? 0) })),
    graphName: graph.name ?? '',
    // Older exporters list initializers as graph inputs too; those are weights, not inputs.
    inputs: (graph.input ?? []).filter((i) => !initializerNames.has(i.name ?? '')).map(toValue),
    outputs: (graph.output ?? []).map(toValue),
    parameterCount,
    operators: [...counts.entries()]
      .map(([op, count]) => ({ op, count }))
      .sort((a, b) => b.count - a.count || a.op.localeCompare(b.op)),
    externalData: [...externalData],
    zipMaps
  }
}

/**
 * Returns a copy of the model with one more graph output: the float tensor
 * that feeds a ZipMap. onnxruntime-node cannot return seq(map) values, but it
 * can return this tensor, which holds the same probabilities.
 *
 * [Note: appending a graph output at the wire level]
 * A protobuf message may repeat a field anywhere, so appending one encoded
 * ValueInfoProto (field 12) to the GraphProto bytes adds an output without
 * re-encoding (and so without losing) anything we do not declare. Only the
 * graph field's length prefix in ModelProto changes.
 */
export function exposeZipMapInput(bytes: Uint8Array, tensorName: string): Uint8Array {
  const reader = protobuf.Reader.create(bytes)
  const chunks: Uint8Array[] = []
  let found = false
  while (reader.pos < reader.len) {
    const start = reader.pos
    const tag = reader.uint32()
    const wire = tag & 7
    if (tag >>> 3 === 7 && wire === 2) {
      const graph = reader.bytes()
      // ValueInfoProto { name = 1; type = 2 { tensor_type = 1 { elem_type = 1 (float) } } }
      const valueInfo = protobuf.Writer.create()
        .uint32((1 << 3) | 2)
        .string(tensorName)
        .uint32((2 << 3) | 2)
        .fork()
        .uint32((1 << 3) | 2)
        .fork()
        .uint32(1 << 3)
        .int32(1)
        .ldelim()
        .ldelim()
        .finish()
      const tail = protobuf.Writer.create().uint32((12 << 3) | 2).bytes(valueInfo).finish()
      const merged = new Uint8Array(graph.length + tail.length)
      merged.set(graph, 0)
      merged.set(tail, graph.length)
      chunks.push(protobuf.Writer.create().uint32(tag).bytes(merged).finish())
      found = true
    } else {
      reader.skipType(wire)
      chunks.push(bytes.subarray(start, reader.pos))
    }
  }
  if (!found) throw new OnnxDecodeError('the ONNX file has no graph')
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0))
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.length
  }
  return out
}
