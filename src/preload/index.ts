/**
 * Exposes `window.demodeck` — one named method per channel of the contract
 * and `on(event)` for pushes — to the sandboxed renderer. Never exposes
 * ipcRenderer or a generic invoke. Errors come back as an envelope because
 * Electron drops custom fields of thrown errors.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { channelNames, pushEventNames } from '../shared/channels'
import type { DemodeckApi, Envelope } from '../shared/api'

const api: Record<string, unknown> = {
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (!(pushEventNames as readonly string[]).includes(event)) throw new Error(`Unknown event ${event}`)
    const handler = (_event: IpcRendererEvent, payload: unknown): void => listener(payload)
    ipcRenderer.on(event, handler)
    return () => {
      ipcRenderer.removeListener(event, handler)
    }
  }
}

for (const channel of channelNames) {
  api[channel] = async (request: unknown) => {
    const envelope = (await ipcRenderer.invoke(channel, request)) as Envelope<unknown>
    if (envelope.ok) return envelope.value
    const error = new Error(envelope.error.message)
    error.name = envelope.error.code
    throw error
  }
}

contextBridge.exposeInMainWorld('demodeck', api as unknown as DemodeckApi)
