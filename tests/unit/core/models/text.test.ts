/** The tokenizer wrapper: exact inputs, truncation, padding, limits. */
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MAX_TEXT_CHARS, resolveMaxLength, TextFeedEncoder } from '../../../../src/core/models/text'

const dir = join(resolve(__dirname, '../../../..'), 'tests/fixtures/models/text-hf')
const tokenizer = JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')) as object
const config = JSON.parse(readFileSync(join(dir, 'tokenizer_config.json'), 'utf8')) as object
const ids = (a: BigInt64Array | undefined) => Array.from(a ?? [], Number)

describe('TextFeedEncoder', () => {
  it('produces exactly the declared int64 inputs', () => {
    const two = new TextFeedEncoder(tokenizer, config, ['input_ids', 'attention_mask'], 16)
    const out = two.encode('The forest is on FIRE!')
    expect(Object.keys(out.feeds).sort()).toEqual(['attention_mask', 'input_ids'])
    // [CLS] the forest is on fire ! [SEP]
    expect(ids(out.feeds.input_ids)).toEqual([2, 4, 22, 6, 7, 10, 29, 3])
    expect(ids(out.feeds.attention_mask)).toEqual([1, 1, 1, 1, 1, 1, 1, 1])
    const three = new TextFeedEncoder(tokenizer, config, ['input_ids', 'attention_mask', 'token_type_ids'], 16)
    expect(ids(three.encode('fire').feeds.token_type_ids)).toEqual([0, 0, 0])
    expect(out.feeds.input_ids).toBeInstanceOf(BigInt64Array)
  })
  it('truncates to the max length and keeps the final [SEP]', () => {
    const enc = new TextFeedEncoder(tokenizer, config, ['input_ids'], 5)
    expect(ids(enc.encode('fire flood storm earthquake burning').feeds.input_ids)).toEqual([2, 10, 11, 13, 3])
  })
  it('pads to a fixed sequence length with the pad id and mask 0', () => {
    const enc = new TextFeedEncoder(tokenizer, config, ['input_ids', 'attention_mask'], 6, 6)
    const out = enc.encode('fire')
    expect(out.length).toBe(6)
    expect(ids(out.feeds.input_ids)).toEqual([2, 10, 3, 0, 0, 0])
    expect(ids(out.feeds.attention_mask)).toEqual([1, 1, 1, 0, 0, 0])
  })
  it('maps unknown words to [UNK]', () => {
    const enc = new TextFeedEncoder(tokenizer, config, ['input_ids'], 16)
    expect(ids(enc.encode('xylophone').feeds.input_ids)).toEqual([2, 1, 3])
  })
  it('refuses empty and over-long text with a readable message', () => {
    const enc = new TextFeedEncoder(tokenizer, config, ['input_ids'], 16)
    expect(() => enc.encode('  \n ')).toThrow(/empty/)
    expect(() => enc.encode('a'.repeat(100_000))).toThrow(/100,000 characters long; the limit is 10,000/)
    expect(MAX_TEXT_CHARS).toBe(10_000)
  })
})

describe('resolveMaxLength', () => {
  it('prefers the manifest, then tokenizer_config, then tokenizer.json truncation, then the ONNX dim', () => {
    expect(resolveMaxLength({ manifest: 64, tokenizerConfig: { model_max_length: 512 } })).toBe(64)
    expect(resolveMaxLength({ tokenizerConfig: { model_max_length: 512 } })).toBe(512)
    expect(resolveMaxLength({ tokenizerConfig: { model_max_length: 1e30 }, tokenizerJson: { truncation: { max_length: 128 } } })).toBe(128)
    expect(resolveMaxLength({ onnxDim: 32 })).toBe(32)
    expect(resolveMaxLength({ tokenizerConfig: { model_max_length: 512 }, onnxDim: 32 })).toBe(32)
    expect(resolveMaxLength({ onnxDim: 'sequence' })).toBe(512)
  })
})
