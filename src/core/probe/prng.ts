/**
 * A small seeded pseudo-random generator for the robustness probe: the same
 * seed gives the same perturbed inputs on every machine, so a sweep shown in
 * the exam is the sweep rehearsed at home.
 *
 * [Note: why our own PRNG]
 * mulberry32 is ten lines, exact across JavaScript engines (32-bit integer
 * math only) and fast; a dependency would add nothing but a download.
 */

/** A seeded generator of uniform numbers in [0, 1). */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number
  /** Standard normal (mean 0, standard deviation 1). */
  normal(): number
  /** Uniform integer in [0, n). */
  int(n: number): number
}

/** Mixes a seed and a stream name into one 32-bit seed, so each perturbation draws its own numbers. */
export function mixSeed(seed: number, stream: string): number {
  let h = (seed ^ 0x9e3779b9) >>> 0
  for (let i = 0; i < stream.length; i++) {
    h = Math.imul(h ^ stream.charCodeAt(i), 0x85ebca6b) >>> 0
    h = (h ^ (h >>> 13)) >>> 0
  }
  return h
}

/** mulberry32: a fast 32-bit generator with a full 2^32 period. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0
  let spare: number | null = null
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    normal() {
      if (spare !== null) {
        const value = spare
        spare = null
        return value
      }
      // Box–Muller; 1 - u keeps the logarithm's argument in (0, 1].
      const u = 1 - next()
      const v = next()
      const r = Math.sqrt(-2 * Math.log(u))
      spare = r * Math.sin(2 * Math.PI * v)
      return r * Math.cos(2 * Math.PI * v)
    },
    int(n: number) {
      return Math.floor(next() * n)
    }
  }
}
