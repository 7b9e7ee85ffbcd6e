/**
 * Proves that @huggingface/tokenizers (tokenizers.js) reads models/disaster-tweets/tokenizer.json
 * exactly like the Python trainer: recomputes the digest of every tweet in train.csv and
 * compares it with tokenization-check.json. Exit code 1 on any mismatch.
 *
 * Usage: node training/check_tokenizer.mjs [path/to/train.csv]
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Tokenizer } from '@huggingface/tokenizers'
import { parseCsv } from './csv.mjs'

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const modelDir = resolve(repo, 'models', 'disaster-tweets')
const csvPath = process.argv[2] ?? resolve(repo, '..', 'shared', 'data', 'disaster-tweets', 'train.csv')
if (!existsSync(csvPath)) {
  console.log(`SKIP: ${csvPath} not found (the raw data is not part of the repo)`)
  process.exit(0)
}
const readJson = (name) => JSON.parse(readFileSync(resolve(modelDir, name), 'utf8'))
const tokenizer = new Tokenizer(readJson('tokenizer.json'), readJson('tokenizer_config.json'))
const check = readJson('tokenization-check.json')
const rows = parseCsv(readFileSync(csvPath, 'utf8'))

let mismatches = 0
let missing = 0
for (const row of rows) {
  const expected = check.digests[row.id]
  if (expected === undefined) {
    missing++
    continue
  }
  const ids = tokenizer.encode(row.text).ids
  const digest = createHash('sha1').update(ids.join(',')).digest('hex').slice(0, 12)
  if (digest !== expected) {
    mismatches++
    if (mismatches <= 10) console.log(`mismatch id=${row.id}: ${JSON.stringify(row.text)}\n  tokens: ${tokenizer.encode(row.text).tokens.join(' ')}`)
  }
}
let extraMismatches = 0
for (const { text, digest } of check.extra ?? []) {
  const ids = tokenizer.encode(text).ids
  if (createHash('sha1').update(ids.join(',')).digest('hex').slice(0, 12) !== digest) {
    extraMismatches++
    console.log(`edge-case mismatch: ${JSON.stringify(text)}\n  tokens: ${tokenizer.encode(text).tokens.join(' ')}`)
  }
}
mismatches += extraMismatches
console.log(`tokenizer check: ${rows.length} tweets + ${(check.extra ?? []).length} edge cases, ${mismatches} mismatches, ${missing} without digest`)
process.exit(mismatches === 0 && missing === 0 && rows.length === check.count ? 0 : 1)
