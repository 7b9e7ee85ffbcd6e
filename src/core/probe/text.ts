/**
 * Text perturbations of the robustness probe: typos, case changes, word
 * dropout, word shuffles and appended noise tokens. Pure and seeded.
 *
 * [Note: nested perturbations]
 * Each function draws the same random numbers for a given seed whatever the
 * strength, and a position is touched when its draw is below the strength.
 * So what is changed at 0.2 is also changed at 0.3: a sweep grows one
 * perturbation step by step (common random numbers) instead of drawing a new
 * one per strength, and the confidence curve is smooth enough to read a flip
 * strength from it.
 */
import { createRng, mixSeed } from './prng'

/** Applies a text perturbation; strength 0 returns `text` unchanged. */
export function perturbText(text: string, perturbation: string, strength: number, seed: number): string {
  if (strength === 0) return text
  const rng = createRng(mixSeed(seed, perturbation))
  switch (perturbation) {
    case 'typos':
      return typos(text, strength, rng.next)
    case 'case':
      return flipCase(text, strength, rng.next)
    case 'word-dropout':
      return dropWords(text, strength, rng.next)
    case 'shuffle':
      return shuffleWords(text, strength, rng.next)
    case 'noise-tokens':
      return appendNoise(text, Math.round(strength), rng.next)
    default:
      throw new Error(`unknown text perturbation "${perturbation}"`)
  }
}

function typos(text: string, strength: number, next: () => number): string {
  const chars = Array.from(text)
  // Draw for every position first, so the draws never depend on the strength.
  const draws = chars.map(() => [next(), next()] as const)
  const out: string[] = []
  for (let i = 0; i < chars.length; i++) {
    const [hit, op] = draws[i]!
    if (hit >= strength || chars[i] === ' ') {
      out.push(chars[i]!)
      continue
    }
    if (op < 0.5 || i + 1 >= chars.length) continue // drop
    out.push(chars[i + 1]!, chars[i]!) // swap with the next character
    i++
  }
  const result = out.join('')
  return result.trim() === '' ? chars[0]! : result
}

function flipCase(text: string, strength: number, next: () => number): string {
  return Array.from(text, (c) => {
    const hit = next() < strength
    if (!hit) return c
    const upper = c.toUpperCase()
    return c === upper ? c.toLowerCase() : upper
  }).join('')
}

function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w !== '')
}

function dropWords(text: string, strength: number, next: () => number): string {
  const list = words(text)
  const draws = list.map(() => next())
  let keep = list.filter((_, i) => draws[i]! >= strength)
  if (keep.length === 0 && list.length > 0) {
    // One word always stays: the one least likely to go.
    const best = draws.indexOf(Math.max(...draws))
    keep = [list[best]!]
  }
  return keep.join(' ')
}

function shuffleWords(text: string, strength: number, next: () => number): string {
  const list = words(text)
  const draws = list.map(() => [next(), next()] as const)
  const chosen = list.map((_, i) => i).filter((i) => draws[i]![0] < strength)
  // The chosen words take each other's places in the order of their second draw.
  const order = [...chosen].sort((a, b) => draws[a]![1] - draws[b]![1])
  const out = [...list]
  chosen.forEach((position, k) => {
    out[position] = list[order[k]!]!
  })
  return out.join(' ')
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz'

function appendNoise(text: string, count: number, next: () => number): string {
  const tokens: string[] = []
  for (let t = 0; t < count; t++) {
    const length = 2 + Math.floor(next() * 6)
    let token = ''
    for (let i = 0; i < length; i++) token += LETTERS[Math.floor(next() * LETTERS.length)]
    const style = next()
    tokens.push(style < 0.15 ? `#${token}` : style < 0.25 ? `@${token}` : token)
  }
  return tokens.length ? `${text} ${tokens.join(' ')}` : text
}
