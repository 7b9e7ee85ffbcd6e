/**
 * Builds the model and runs services for a deck. Kept apart from create-host so
 * the wiring of concrete classes lives in one small file.
 */
import { ApiError } from '../shared/api'
import type { ModelServiceApi, RunsServiceApi, SecretStore, WorkerSpawner } from './services'

export interface ServiceOptions {
  deckRoot: string
  spawnWorker: WorkerSpawner
  secretStore?: SecretStore
  env?: NodeJS.ProcessEnv
}

const notReady = (what: string): never => {
  throw new ApiError('internal', `${what} is not available in this build.`)
}

export function createServices(_options: ServiceOptions): { models: ModelServiceApi; runs: RunsServiceApi } {
  const models: ModelServiceApi = {
    list: async () => [],
    card: async () => notReady('The model card'),
    predict: async () => notReady('Prediction'),
    parity: async () => notReady('The parity check'),
    warm: () => undefined,
    reload: async () => undefined,
    dispose: () => undefined
  }
  const runs: RunsServiceApi = {
    list: async () => [],
    history: async () => notReady('Run history'),
    sync: async () => notReady('W&B sync'),
    status: async () => ({ hasKey: false, keySource: 'none', baseUrl: 'https://api.wandb.ai', canStoreKey: false }),
    setKey: async () => notReady('Storing a W&B key'),
    reload: async () => undefined
  }
  return { models, runs }
}
