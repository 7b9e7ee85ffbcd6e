/**
 * The app's text path (TextFeedEncoder over @huggingface/tokenizers, the same
 * code a DistilBERT export goes through) gives exactly the token ids the
 * Python training pipeline gave, on every tweet of the training data and on
 * the pipeline's hand-written edge cases. The pipeline stored a digest per
 * tweet in models/disaster-tweets/tokenization-check.json: sha1 of the
 * comma-joined ids (with [CLS]/[SEP], untruncated), first 12 hex characters.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { TextFeedEncoder } from '../../../../src/core/models/text'
import { parseCsvRows } from '../../../../src/core/metrics/csv'

const repo = resolve(__dirname, '../../../..')
const modelDir = resolve(repo, 'models', 'disaster-tweets')
const csvPath = resolve(repo, '..', 'shared', 'data', 'disaster-tweets', 'train.csv')
const readJson = (name: string): any => JSON.parse(readFileSync(resolve(modelDir, name), 'utf8'))

const check = readJson('tokenization-check.json') as { count: number; digests: Record<string, string>; extra?: Array<{ text: string; digest: string }> }
// Untruncated, so the digests cover whole tweets; truncation is tested in text.test.ts.
const encoder = new TextFeedEncoder(readJson('tokenizer.json'), readJson('tokenizer_config.json'), ['input_ids'], 100_000)
const digest = (text: string): string =>
  createHash('sha1')
    .update(Array.from(encoder.encode(text).feeds.input_ids!, (v) => v.toString()).join(','))
    .digest('hex')
    .slice(0, 12)

describe('tokenization parity with the training pipeline', () => {
  it('matches on the hand-written edge cases (CJK, accents, emoji, &amp;, URLs, control characters)', () => {
    expect(check.extra?.length ?? 0).toBeGreaterThan(10)
    // Whitespace-only text is refused by the app on purpose (a readable 400), so it has no ids to compare.
    const cases = (check.extra ?? []).filter((item) => item.text.trim() !== '')
    const mismatches = cases.filter((item) => digest(item.text) !== item.digest).map((item) => item.text)
    expect(mismatches).toEqual([])
  })

  it.skipIf(!existsSync(csvPath))(`matches on every tweet of the training data (needs ${csvPath})`, () => {
    const rows = parseCsvRows(readFileSync(csvPath, 'utf8'))
    const header = rows[0]!
    const idColumn = header.indexOf('id')
    const textColumn = header.indexOf('text')
    const tweets = rows.slice(1).filter((row) => row.length >= header.length)
    expect(tweets).toHaveLength(check.count)
    const mismatches: string[] = []
    for (const row of tweets) {
      if (digest(row[textColumn]!) !== check.digests[row[idColumn]!]) mismatches.push(row[idColumn]!)
    }
    expect(mismatches).toEqual([])
  })
})
