/**
 * Public surface of the metric importers: pure functions from bytes/text to
 * `ImportedRun`. Disk access lives in src/host/runs.
 */
export * from './types'
export { crc32, crc32c, maskedCrc32c } from './crc'
export { parseTolerantJson, parseValueJson } from './tolerant-json'
export { parseWandbFile, readWandbLog, isWandbFile, cleanSummary } from './wandb-file'
export { parseWandbFolder, parseWandbConfigYaml, runIdFromFolderName, unwrapValue, type WandbFolderInput } from './wandb-folder'
export { parseTfEvents, readTfRecords, isTfEventsName, type TfEventsFile } from './tfevents'
export { parseCsvFile, parseCsvRows, csvNumber, lastValues } from './csv'
export { parseJsonl, jsonMetric } from './jsonl'
export { HistoryTable, attachTable } from './history-table'
export { columnsFromRows, historyColumns } from './history-columns'
export { parseRunFolder, serializeRunFolder, runJsonSchema, type RunJson, type RunFolderInput } from './run-folder'
