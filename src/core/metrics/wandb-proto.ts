/**
 * Our own minimal protobuf schema for the .wandb log: only the messages and
 * fields the importer reads (field numbers from wandb/proto/wandb_internal.proto).
 * Unknown fields are skipped by protobufjs, so newer
 * wandb versions with extra fields still decode.
 */
import protobuf from 'protobufjs'

const item = {
  fields: {
    key: { type: 'string', id: 1 },
    nestedKey: { type: 'string', id: 2, rule: 'repeated' },
    valueJson: { type: 'string', id: 16 }
  }
}

const root = protobuf.Root.fromJSON({
  nested: {
    wandb: {
      nested: {
        HistoryItem: item,
        HistoryStep: { fields: { num: { type: 'int64', id: 1 } } },
        HistoryRecord: {
          fields: {
            item: { type: 'HistoryItem', id: 1, rule: 'repeated' },
            step: { type: 'HistoryStep', id: 2 }
          }
        },
        Item: item,
        UpdateRecord: {
          fields: {
            update: { type: 'Item', id: 1, rule: 'repeated' },
            remove: { type: 'Item', id: 2, rule: 'repeated' }
          }
        },
        Timestamp: { fields: { seconds: { type: 'int64', id: 1 }, nanos: { type: 'int32', id: 2 } } },
        RunRecord: {
          fields: {
            runId: { type: 'string', id: 1 },
            entity: { type: 'string', id: 2 },
            project: { type: 'string', id: 3 },
            config: { type: 'UpdateRecord', id: 4 },
            summary: { type: 'UpdateRecord', id: 5 },
            runGroup: { type: 'string', id: 6 },
            jobType: { type: 'string', id: 7 },
            displayName: { type: 'string', id: 8 },
            notes: { type: 'string', id: 9 },
            tags: { type: 'string', id: 10, rule: 'repeated' },
            startTime: { type: 'Timestamp', id: 17 }
          }
        },
        RunExitRecord: { fields: { exitCode: { type: 'int32', id: 1 }, runtime: { type: 'int32', id: 2 } } }
      }
    }
  }
})

/** Record oneof field numbers we act on (wandb_internal.Record). */
export const RecordField = {
  num: 1,
  history: 2,
  summary: 3,
  config: 5,
  run: 17,
  exit: 18
} as const

export interface PbItem {
  key: string
  nestedKey: string[]
  valueJson: string
}
export interface PbUpdateRecord {
  update: PbItem[]
  remove: PbItem[]
}
export interface PbHistoryRecord {
  item: PbItem[]
  step?: { num: number | { toNumber(): number } } | null
}
export interface PbRunRecord {
  runId: string
  entity: string
  project: string
  config?: PbUpdateRecord | null
  summary?: PbUpdateRecord | null
  runGroup: string
  jobType: string
  displayName: string
  notes: string
  tags: string[]
  startTime?: { seconds: number | { toNumber(): number }; nanos: number } | null
}
export interface PbRunExitRecord {
  exitCode: number
  runtime: number
}

/** The decoders, typed loosely at this single boundary. */
export const pb = {
  HistoryRecord: root.lookupType('wandb.HistoryRecord'),
  UpdateRecord: root.lookupType('wandb.UpdateRecord'),
  RunRecord: root.lookupType('wandb.RunRecord'),
  RunExitRecord: root.lookupType('wandb.RunExitRecord')
}

/** protobufjs' Reader, re-exported so callers walk the outer Record without decoding what they skip. */
export const Reader = protobuf.Reader
