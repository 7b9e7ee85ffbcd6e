/**
 * Builds the model and runs services for a deck. Kept apart from create-host so
 * the wiring of concrete classes lives in one small file.
 */
import { ModelService } from './models/model-service'
import { RunsService } from './runs/runs-service'
import type { ModelServiceApi, RunsServiceApi, SecretStore, WorkerSpawner } from './services'

export interface ServiceOptions {
  deckRoot: string
  spawnWorker: WorkerSpawner
  secretStore?: SecretStore
  env?: NodeJS.ProcessEnv
  /** Called when model info changes without a file change (e.g. a parity check finished). */
  onModelsChanged?: () => void
}

export function createServices(options: ServiceOptions): { models: ModelServiceApi; runs: RunsServiceApi } {
  const models = new ModelService(options.deckRoot, options.spawnWorker, {
    ...(options.onModelsChanged ? { onChange: options.onModelsChanged } : {})
  })
  const runs = new RunsService(options.deckRoot, {
    ...(options.secretStore ? { secretStore: options.secretStore } : {}),
    ...(options.env ? { env: options.env } : {})
  })
  return { models, runs }
}
