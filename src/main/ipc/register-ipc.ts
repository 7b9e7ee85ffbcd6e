/**
 * Serves the whole channel map over Electron IPC: one `ipcMain.handle` per
 * channel, a sender check first, then the host's schema validation and
 * handler. Results and errors travel as an Envelope.
 */
import { ipcMain, type BrowserWindow } from 'electron'
import { ApiError, type Envelope } from '../../shared/api'
import { channelNames } from '../../shared/channels'
import type { Host } from '../../host/create-host'
import { isTrustedSender } from '../security'

export function registerIpc(host: () => Host, windows: () => BrowserWindow[], rendererIndex: string): void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, async (event, payload: unknown): Promise<Envelope<unknown>> => {
      if (!isTrustedSender(event, windows, rendererIndex)) {
        return { ok: false, error: { code: 'unauthorized', message: 'This window may not call demodeck.' } }
      }
      try {
        return { ok: true, value: await host().dispatch(channel, payload) }
      } catch (error) {
        const apiError = error instanceof ApiError ? error : new ApiError('internal', error instanceof Error ? error.message : String(error))
        return { ok: false, error: { code: apiError.code, message: apiError.message } }
      }
    })
  }
}
