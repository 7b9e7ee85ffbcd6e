/**
 * Reads the `endpoint` block of every model folder (model.json, else
 * demodeck.json). The model service validates the same block for the model's
 * warnings; this reader keeps the full config (auth, mapping) for the host.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseEndpointConfig, type EndpointConfig } from '../../core/endpoint/config'

/** Parsed endpoint configs by model id (models without a valid block are left out). */
export async function readEndpointConfigs(deckRoot: string, modelIds: string[]): Promise<Map<string, EndpointConfig>> {
  const out = new Map<string, EndpointConfig>()
  for (const id of modelIds) {
    for (const file of ['model.json', 'demodeck.json']) {
      let raw: unknown
      try {
        raw = JSON.parse(await readFile(join(deckRoot, 'models', id, file), 'utf8'))
      } catch {
        continue
      }
      const endpoint = raw !== null && typeof raw === 'object' ? (raw as { endpoint?: unknown }).endpoint : undefined
      if (endpoint !== undefined) {
        const parsed = parseEndpointConfig(endpoint)
        if (parsed.ok) out.set(id, parsed.config)
      }
      break
    }
  }
  return out
}
