/**
 * The environment every inference worker starts with, however it is launched
 * (browser mode's child process, Electron's utilityProcess, tests, benches).
 *
 * [Note: a minimal worker environment]
 * The worker runs third-party native code (onnxruntime-node) on files the deck
 * brings, so it gets an allow-list of variables instead of the host's whole
 * environment: no WANDB_API_KEY, cloud tokens or anything else a shell exports.
 * `ORT_DISABLE_TELEMETRY=1` is always set: onnxruntime-node's built-in telemetry
 * otherwise resolves mobile.events.data.microsoft.com while the deck is
 * presented offline (seen with DNS logged inside a network namespace).
 *
 * [Note: huge pages for big image buffers]
 * A 12-megapixel photo decodes to a 36 MB buffer, allocated fresh for every
 * request (libvips' output, freed only when JavaScript collects it). On the
 * bench machine (a virtual machine) faulting in 36 MB of 4 KiB pages costs
 * ≈ 120 ms of CPU, more than decoding the JPEG. `glibc.malloc.hugetlb=1` makes
 * glibc's malloc ask for transparent huge pages on its large mappings, which
 * cut the decode of that photo from ≈ 230 to ≈ 110 ms CPU there. Other C
 * libraries and operating systems ignore the variable.
 */

/** Variables a worker may inherit: the process basics and demodeck's own worker settings. */
export const WORKER_ENV_ALLOWED = [
  'PATH',
  'TMPDIR',
  'TEMP',
  'TMP',
  'LANG',
  'LC_ALL',
  'LC_CTYPE',
  'TZ',
  // Windows needs these to load any DLL.
  'SystemRoot',
  'windir',
  // Where a system-wide CUDA/ONNX Runtime library lives on some Linux set-ups.
  'LD_LIBRARY_PATH',
  'DEMODECK_ORT_THREADS',
  'DEMODECK_WORKER_TEST_HOOKS',
  'GLIBC_TUNABLES'
] as const

/** Set for a worker unless the parent environment sets them (see [Note: huge pages for big image buffers]). */
export const WORKER_ENV_DEFAULTS = { GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' } as const

/** Always set for a worker, whatever the parent says. */
export const WORKER_ENV_FORCED = { ORT_DISABLE_TELEMETRY: '1' } as const

/**
 * The environment of a new inference worker: the defaults, the allowed
 * variables of `parent`, then `extra` (tests, benches), then the forced ones.
 */
export function workerEnv(parent: NodeJS.ProcessEnv = process.env, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = { ...WORKER_ENV_DEFAULTS }
  for (const name of WORKER_ENV_ALLOWED) {
    const value = parent[name]
    if (value !== undefined) env[name] = value
  }
  return { ...env, ...extra, ...WORKER_ENV_FORCED }
}
