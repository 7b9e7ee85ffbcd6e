/** The live demo's request queue: who answers, in what order, and which answers reach the screen. */
import { describe, expect, it } from 'vitest'
import { PredictQueue, type QueueAnswer } from '../../../../../src/renderer/src/features/demo/predict-queue'

/** A caller whose requests the test answers by hand, recording what was asked of it. */
function manualCaller(name: string, asked: string[]) {
  const open: Array<{ job: string; resolve: (v: string) => void; reject: (e: unknown) => void }> = []
  const call = (job: string): Promise<string> =>
    new Promise<string>((resolve, reject) => {
      asked.push(`${name}:${job}`)
      open.push({ job, resolve, reject })
    })
  const answer = async (job: string, ok = true): Promise<void> => {
    const i = open.findIndex((r) => r.job === job)
    const [r] = open.splice(i, 1)
    if (ok) r!.resolve(`${name}(${job})`)
    else r!.reject(new Error(`${name} failed on ${job}`))
    await Promise.resolve()
    await Promise.resolve()
  }
  return { call, answer }
}

function setUp() {
  const asked: string[] = []
  const shown: Array<QueueAnswer<string, string>> = []
  const deployed = manualCaller('deployed', asked)
  const local = manualCaller('local', asked)
  const queue = new PredictQueue<string, string>(
    deployed.call,
    (a) => shown.push(a),
    2,
    () => 0
  )
  return { asked, shown, deployed, local, queue }
}

describe('PredictQueue', () => {
  it('sends a job that waited during a switch to the caller set when it leaves the queue', async () => {
    const { asked, deployed, local, queue, shown } = setUp()
    queue.submit('h')
    queue.submit('he')
    queue.submit('hel') // both slots busy: waits
    queue.setCaller(local.call) // Deployed → Local
    await deployed.answer('h')
    expect(asked).toEqual(['deployed:h', 'deployed:he', 'local:hel'])
    await local.answer('hel')
    // "he" from the endpoint is older than the local answer on screen: never shown.
    await deployed.answer('he')
    expect(shown.map((a) => (a.ok ? a.value : 'error'))).toEqual(['deployed(h)', 'local(hel)'])
  })

  it('keeps one waiting job, the newest', async () => {
    const { asked, deployed, queue, shown } = setUp()
    for (const job of ['a', 'ab', 'abc', 'abcd', 'abcde']) queue.submit(job)
    expect(queue.pending).toBe(2)
    await deployed.answer('a')
    expect(asked).toEqual(['deployed:a', 'deployed:ab', 'deployed:abcde'])
    await deployed.answer('abcde')
    await deployed.answer('ab')
    expect(shown.map((a) => a.job)).toEqual(['a', 'abcde'])
    expect(queue.pending).toBe(0)
  })

  it('hands on errors with their sequence number and keeps going', async () => {
    const { deployed, queue, shown } = setUp()
    const first = queue.submit('x')
    await deployed.answer('x', false)
    expect(shown).toHaveLength(1)
    expect(shown[0]!.seq).toBe(first)
    expect(shown[0]!.ok).toBe(false)
    expect(!shown[0]!.ok && String(shown[0]!.error)).toContain('deployed failed on x')
    expect(queue.pending).toBe(0)
  })

  it('turns a caller that throws at once into an error answer', async () => {
    const shown: Array<QueueAnswer<string, string>> = []
    const queue = new PredictQueue<string, string>(
      () => {
        throw new Error('no model')
      },
      (a) => shown.push(a)
    )
    queue.submit('x')
    await Promise.resolve()
    await Promise.resolve()
    expect(shown.map((a) => a.ok)).toEqual([false])
    expect(queue.pending).toBe(0)
  })

  it('drops the waiting job and older answers after a client-side error', async () => {
    const { asked, deployed, queue, shown } = setUp()
    queue.submit('a')
    queue.submit('b')
    queue.submit('c')
    queue.supersede()
    await deployed.answer('a')
    await deployed.answer('b')
    expect(asked).toEqual(['deployed:a', 'deployed:b'])
    expect(shown).toEqual([])
  })
})
