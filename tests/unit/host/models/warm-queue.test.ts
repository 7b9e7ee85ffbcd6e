import { describe, expect, it, vi } from 'vitest'
import { WarmQueue } from '../../../../src/host/models/warm-queue'

/** A promise the test settles by hand. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => undefined
  const promise = new Promise<void>((resolve) => (open = resolve))
  return { promise, open }
}

/** A queue whose steps (load, then parity) each wait for the test to let them finish, recording the order. */
function recorder() {
  const events: string[] = []
  const gates = new Map<string, ReturnType<typeof gate>>()
  const hold = (name: string): Promise<void> => {
    events.push(`${name} started`)
    const g = gate()
    gates.set(name, g)
    return g.promise.then(() => void events.push(`${name} done`))
  }
  const queue = new WarmQueue(async (id, yieldToCalls) => {
    await hold(`load ${id}`)
    await yieldToCalls()
    await hold(`parity ${id}`)
  })
  const finish = async (name: string): Promise<void> => {
    await vi.waitFor(() => expect(gates.has(name), `${name} has not started; events: ${events.join(', ')}`).toBe(true))
    gates.get(name)!.open()
    gates.delete(name)
  }
  return { events, queue, finish }
}

describe('WarmQueue', () => {
  it('warms one model at a time, in the order queued, each loaded then parity-checked', async () => {
    const { events, queue, finish } = recorder()
    queue.enqueue(['a', 'b'])
    for (const step of ['load a', 'parity a', 'load b', 'parity b']) await finish(step)
    await vi.waitFor(() => expect(events.at(-1)).toBe('parity b done'))
    expect(events).toEqual(['load a started', 'load a done', 'parity a started', 'parity a done', 'load b started', 'load b done', 'parity b started', 'parity b done'])
  })

  it("a call for a cold model runs ahead: the step under way finishes, no new one starts until the call is answered", async () => {
    const { events, queue, finish } = recorder()
    queue.enqueue(['a', 'b', 'c'])
    await vi.waitFor(() => expect(events).toEqual(['load a started']))
    const call = gate()
    const answered = queue.urgent(async () => {
      events.push('predict c started')
      await call.promise
      events.push('predict c done')
      return 'prediction'
    })
    await finish('load a')
    // a's parity would compete with the prediction for the CPU: it waits.
    await vi.waitFor(() => expect(events.at(-1)).toBe('load a done'))
    expect(events).not.toContain('parity a started')
    call.open()
    await expect(answered).resolves.toBe('prediction')
    for (const step of ['parity a', 'load b', 'parity b', 'load c', 'parity c']) await finish(step)
    await vi.waitFor(() => expect(events.at(-1)).toBe('parity c done'))
    expect(events.slice(0, 5)).toEqual(['load a started', 'predict c started', 'load a done', 'predict c done', 'parity a started'])
  })

  it('queues an id once, keeps going after a failed step, and picks up ids queued later', async () => {
    const order: string[] = []
    const queue = new WarmQueue(async (id) => {
      order.push(id)
      if (id === 'broken') throw new Error('no model.onnx')
    })
    queue.enqueue(['broken', 'a', 'a', 'broken'])
    await vi.waitFor(() => expect(order).toEqual(['broken', 'a']))
    queue.enqueue(['b'])
    await vi.waitFor(() => expect(order).toEqual(['broken', 'a', 'b']))
    expect(queue.pending()).toEqual([])
  })

  it('an urgent call that fails still lets the warm-up resume', async () => {
    const order: string[] = []
    const queue = new WarmQueue(async (id) => void order.push(id))
    const call = gate()
    const failing = queue.urgent(async () => {
      await call.promise
      throw new Error('worker crashed')
    })
    queue.enqueue(['a'])
    expect(queue.pending()).toEqual(['a'])
    call.open()
    await expect(failing).rejects.toThrow('worker crashed')
    await vi.waitFor(() => expect(order).toEqual(['a']))
  })
})
