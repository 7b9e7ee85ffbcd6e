/**
 * How many threads ONNX Runtime gets for a model.
 *
 * [Note: one inference thread for small models]
 * ONNX Runtime's default intra-op pool has one thread per core. For the models
 * a student demos (a few MB, a fraction of a millisecond per call) the pool's
 * hand-offs and spin-waits cost more than they save, and they take CPU from
 * Chromium while it paints the deck. Measured on a 2-core machine with the
 * example text model: a single prediction takes the same time on one thread
 * or two (bench/ort-chromium.bench.ts), and typing into the live demo is
 * faster with one (keystroke to bars p50 5.8–6.9 ms vs 6.5–7.2 ms with two,
 * bench/demo-keystroke.bench.ts), because the second thread competes with
 * Chromium. Two threads only pay off for big batches on an idle machine
 * (batches of 64: about 1.6× faster), which a live demo never runs. Large
 * models (image backbones of tens of MB) do gain from threads, so they get up
 * to half the cores, leaving the rest to the UI.
 */

/** Models at or above this size get more than one thread. */
export const MULTI_THREAD_MIN_BYTES = 24 * 1024 * 1024

/** Most threads a model gets, however many cores there are. */
export const MAX_THREADS = 4

/**
 * Intra-op thread count for a model file of `modelBytes` on a machine with
 * `cores` logical cores. `override` (e.g. from DEMODECK_ORT_THREADS) wins when
 * it is a positive integer.
 */
export function intraOpThreads(modelBytes: number, cores: number, override?: string): number {
  const forced = override === undefined ? Number.NaN : Number(override)
  if (Number.isInteger(forced) && forced > 0) return Math.min(forced, 64)
  if (modelBytes < MULTI_THREAD_MIN_BYTES) return 1
  return Math.max(1, Math.min(MAX_THREADS, Math.floor(cores / 2)))
}
