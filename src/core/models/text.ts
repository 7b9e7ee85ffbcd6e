/**
 * Text input: wraps `@huggingface/tokenizers` and produces exactly the int64
 * inputs the ONNX model declares (`input_ids`, `attention_mask`,
 * `token_type_ids`), truncated to the model's maximum length.
 */
import { Tokenizer } from '@huggingface/tokenizers'
import { MAX_TEXT_CHARS } from '../../shared/limits'

/** Longest text accepted, in characters (shared with the renderer, whose message names it). */
export { MAX_TEXT_CHARS }

/** Inputs a text classifier may declare. */
export const TEXT_INPUT_NAMES = ['input_ids', 'attention_mask', 'token_type_ids'] as const
export type TextInputName = (typeof TEXT_INPUT_NAMES)[number]

/** A text input the user must fix. */
export class TextInputError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TextInputError'
  }
}

/** Tokenized text ready to become int64 tensors of shape [1, length]. */
export interface TextFeeds {
  length: number
  feeds: Partial<Record<TextInputName, BigInt64Array>>
  tokens: string[]
}

/**
 * Picks the maximum sequence length: the manifest wins, then
 * tokenizer_config `model_max_length` (ignoring transformers' "unset" sentinel
 * of 1e30), then tokenizer.json's truncation block, then the ONNX fixed dim.
 */
export function resolveMaxLength(args: {
  manifest?: number
  tokenizerConfig?: { model_max_length?: number }
  tokenizerJson?: { truncation?: { max_length?: number } | null }
  onnxDim?: number | string | null
}): number {
  if (args.manifest) return args.manifest
  const fixed = typeof args.onnxDim === 'number' && args.onnxDim > 0 ? args.onnxDim : null
  const cfg = args.tokenizerConfig?.model_max_length
  if (cfg && cfg > 0 && cfg < 1e6) return fixed ? Math.min(cfg, fixed) : cfg
  const trunc = args.tokenizerJson?.truncation?.max_length
  if (trunc && trunc > 0) return fixed ? Math.min(trunc, fixed) : trunc
  return fixed ?? 512
}

/** A loaded tokenizer with the model's input contract. */
export class TextFeedEncoder {
  private readonly tokenizer: Tokenizer
  private readonly specialIds: Set<number>
  private readonly padId: number

  /**
   * @param tokenizerJson parsed tokenizer.json
   * @param tokenizerConfig parsed tokenizer_config.json ({} when absent)
   * @param inputNames the ONNX model's input names (only the known three are produced)
   * @param maxLength maximum tokens including special tokens
   * @param padToLength set when the ONNX input has a fixed sequence dimension
   */
  constructor(
    tokenizerJson: object,
    tokenizerConfig: object,
    private readonly inputNames: string[],
    readonly maxLength: number,
    private readonly padToLength: number | null = null
  ) {
    this.tokenizer = new Tokenizer(tokenizerJson, tokenizerConfig)
    this.specialIds = new Set(this.tokenizer.get_added_tokens_decoder().keys())
    const padToken = (tokenizerConfig as { pad_token?: unknown }).pad_token
    this.padId = (typeof padToken === 'string' ? this.tokenizer.token_to_id(padToken) : undefined) ?? 0
  }

  /**
   * Tokenizes one text.
   * @throws TextInputError for empty or over-long text.
   */
  encode(text: string): TextFeeds {
    if (text.trim() === '') throw new TextInputError('the text is empty; type a sentence to classify')
    if (text.length > MAX_TEXT_CHARS) {
      throw new TextInputError(`the text is ${text.length.toLocaleString('en-US')} characters long; the limit is ${MAX_TEXT_CHARS.toLocaleString('en-US')}`)
    }
    const enc = this.tokenizer.encode(text, { return_token_type_ids: true })
    let ids = enc.ids
    let mask = enc.attention_mask
    let types = enc.token_type_ids ?? ids.map(() => 0)
    let tokens = enc.tokens
    if (ids.length > this.maxLength) {
      // Keep the trailing special tokens ([SEP], </s>) the model was trained with.
      let tail = 0
      while (tail < ids.length - 1 && tail < 2 && this.specialIds.has(ids[ids.length - 1 - tail]!)) tail++
      const head = this.maxLength - tail
      const cut = <T>(a: T[]): T[] => [...a.slice(0, head), ...a.slice(a.length - tail)]
      ids = cut(ids)
      mask = cut(mask)
      types = cut(types)
      tokens = cut(tokens)
    }
    let length = ids.length
    if (this.padToLength && length < this.padToLength) {
      const pad = this.padToLength - length
      ids = [...ids, ...Array<number>(pad).fill(this.padId)]
      mask = [...mask, ...Array<number>(pad).fill(0)]
      types = [...types, ...Array<number>(pad).fill(0)]
      length = this.padToLength
    }
    const feeds: TextFeeds['feeds'] = {}
    const toBig = (a: number[]): BigInt64Array => BigInt64Array.from(a, (v) => BigInt(v))
    if (this.inputNames.includes('input_ids')) feeds.input_ids = toBig(ids)
    if (this.inputNames.includes('attention_mask')) feeds.attention_mask = toBig(mask)
    if (this.inputNames.includes('token_type_ids')) feeds.token_type_ids = toBig(types)
    return { length, feeds, tokens }
  }
}
