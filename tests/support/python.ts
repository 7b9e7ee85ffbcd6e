/**
 * Finds a Python 3 with given modules for tests that run real Python (Pillow
 * references, the export helper). Debian's /usr/bin/python3 has torch, onnx and
 * Pillow here and on CI; a user's clone may have none, and those tests skip,
 * saying why. `DEMODECK_PYTHON` picks another interpreter.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

/** The interpreter tests use: $DEMODECK_PYTHON, else Debian's /usr/bin/python3, else `python3` on PATH. */
export const PYTHON = process.env['DEMODECK_PYTHON'] ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3')

const cache = new Map<string, string | null>()

/**
 * Null when `PYTHON` imports every module; otherwise why not, for a skip message
 * (e.g. "/usr/bin/python3 lacks torchvision").
 */
export function pythonMissing(...modules: string[]): string | null {
  const key = modules.join(',')
  if (cache.has(key)) return cache.get(key)!
  const script = `import importlib.util, sys\nmissing = [m for m in sys.argv[1:] if importlib.util.find_spec(m) is None]\nprint(' '.join(missing))`
  const run = spawnSync(PYTHON, ['-c', script, ...modules], { encoding: 'utf8', timeout: 60_000 })
  let reason: string | null
  if (run.error || run.status !== 0) reason = `no Python 3 found at ${PYTHON} (set DEMODECK_PYTHON)`
  else {
    const missing = run.stdout.trim()
    reason = missing ? `${PYTHON} lacks ${missing.split(' ').join(', ')} (Debian: python3-torch python3-onnx python3-pil python3-torchvision)` : null
  }
  cache.set(key, reason)
  return reason
}

/** Runs a Python script; throws with its stderr when it fails. */
export function runPython(args: string[], options: { cwd?: string; timeoutMs?: number; env?: Record<string, string> } = {}): string {
  const run = spawnSync(PYTHON, args, {
    encoding: 'utf8',
    cwd: options.cwd,
    timeout: options.timeoutMs ?? 300_000,
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', ...options.env },
    maxBuffer: 64 * 1024 * 1024
  })
  if (run.error) throw run.error
  if (run.status !== 0) throw new Error(`${PYTHON} ${args.join(' ')} failed (exit ${run.status}):\n${run.stderr}\n${run.stdout}`)
  return run.stdout
}
