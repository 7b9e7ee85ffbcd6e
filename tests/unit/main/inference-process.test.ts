/** The Electron utilityProcess launch of the inference worker (electron mocked: no binary here). */
import { describe, expect, it, vi } from 'vitest'

const fork = vi.fn((_path: string, _args: string[], _options: { env?: Record<string, string>; serviceName?: string }) => ({
  postMessage: vi.fn(),
  on: vi.fn(),
  kill: vi.fn()
}))
vi.mock('electron', () => ({ utilityProcess: { fork } }))

describe('forkUtilityWorker', () => {
  it("starts the worker with telemetry off and without the host's secrets, named after its model", async () => {
    process.env['WANDB_API_KEY'] = 'fa4e0000000000000000000000000000000000a1'
    const { forkUtilityWorker } = await import('../../../src/main/inference-process')
    forkUtilityWorker('/app/out/main/inference.worker.js', 'wine')
    delete process.env['WANDB_API_KEY']
    const [path, , options] = fork.mock.calls[0]!
    expect(path).toBe('/app/out/main/inference.worker.js')
    expect(options.serviceName).toBe('demodeck inference (wine)')
    expect(options.env?.['ORT_DISABLE_TELEMETRY']).toBe('1')
    expect(options.env).not.toHaveProperty('WANDB_API_KEY')
    expect(options.env?.['PATH']).toBe(process.env['PATH'])
  })
})
