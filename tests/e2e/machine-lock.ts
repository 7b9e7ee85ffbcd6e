/**
 * Playwright global setup: one e2e run at a time per machine.
 *
 * [Note: one e2e run per machine]
 * Every e2e test starts browser-mode servers, inference workers and a
 * Chromium; two suites on the same cores starve each other until
 * keystroke and hot-reload tests hit their time-outs. The first run takes a
 * lock directory in the temp folder (mkdir is atomic); a second run waits
 * for it, saying so, and takes over a lock whose owner process is gone.
 * CI and a user's clone run one suite, so for them this is a no-op.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const lockDir = join(tmpdir(), 'demodeck-e2e.lock')
const ownerFile = join(lockDir, 'pid')

function ownerAlive(): boolean {
  try {
    const pid = Number(readFileSync(ownerFile, 'utf8'))
    if (!Number.isInteger(pid) || pid <= 0) return false
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function tryTake(): boolean {
  try {
    mkdirSync(lockDir)
  } catch {
    return false
  }
  writeFileSync(ownerFile, String(process.pid))
  return true
}

export default async function globalSetup(): Promise<() => void> {
  let announced = false
  while (!tryTake()) {
    // A lock dir without a live owner (a killed run, or one still writing its pid) is taken over
    // only once its pid file names a process that is gone.
    let stale = false
    try {
      stale = !ownerAlive() && readFileSync(ownerFile, 'utf8').length > 0
    } catch {
      stale = false
    }
    if (stale) {
      rmSync(lockDir, { recursive: true, force: true })
      continue
    }
    if (!announced) {
      console.log(`e2e: waiting for another e2e run on this machine to finish (${lockDir})`)
      announced = true
    }
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
  return () => rmSync(lockDir, { recursive: true, force: true })
}
