/**
 * `npm run dev [-- --deck DIR]`: the developer loop in browser mode.
 *
 * [Note: the dev loop]
 * The host (browser-mode server) runs from source under `tsx watch`, so a change in src/host,
 * src/server, src/core or src/shared restarts it in about a second; the renderer is served by
 * Vite's dev server with hot module reload, proxying /api (HTTP and the WebSocket) and
 * /deck-files to the host. The proxy presents our own dev page to the host as the host's own
 * origin — only for requests whose Origin is the dev page, so other web pages stay refused
 * ([Note: what browser mode defends against] in src/server/request-guard.ts). The dev page's CSP
 * adds what Vite's client needs (its inline React-refresh preamble and HMR socket); the built
 * app keeps the strict policy. For Electron's own dev mode (where its binary exists):
 * `npx electron-vite dev`.
 */
import { spawn } from 'node:child_process'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import react from '@vitejs/plugin-react'
import { createServer } from 'vite'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const { values } = parseArgs({ options: { deck: { type: 'string', default: root }, port: { type: 'string', default: '5318' } } })

/** Starts the host from source and resolves with its URL once it says it is ready (again after each restart). */
function startHost(onReady) {
  const child = spawn(
    process.execPath,
    [
      join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
      'watch',
      '--clear-screen=false',
      join(root, 'src', 'server', 'index.ts'),
      '--deck',
      resolve(values.deck),
      '--port',
      '0'
    ],
    {
      cwd: root,
      env: { ...process.env, DEMODECK_DEV: '1' },
      stdio: ['ignore', 'pipe', 'inherit']
    }
  )
  child.stdout.on('data', (chunk) => {
    const text = chunk.toString()
    const url = /demodeck ready at (http:\/\/127\.0\.0\.1:\d+)\//.exec(text)?.[1]
    if (url) onReady(url)
    else process.stdout.write(text)
  })
  return child
}

let hostUrl = ''
let announce = () => undefined
const firstReady = new Promise((done) => (announce = done))
const host = startHost((url) => {
  if (hostUrl && url !== hostUrl) console.log(`dev: host restarted at ${url}`)
  hostUrl = url
  announce()
})
await firstReady

const devPort = Number(values.port)
const devOrigin = `http://127.0.0.1:${devPort}`
/** Proxy options for one path prefix: to whichever port the host listens on now, as its own origin. */
const toHost = (ws) => ({
  target: hostUrl,
  router: () => hostUrl,
  changeOrigin: true,
  ws,
  configure: (proxy) => {
    const asHostOrigin = (proxyReq, req) => {
      if (req.headers.origin === devOrigin) proxyReq.setHeader('origin', hostUrl)
    }
    proxy.on('proxyReq', asHostOrigin)
    proxy.on('proxyReqWs', asHostOrigin)
  }
})
const vite = await createServer({
  configFile: false,
  root: join(root, 'src', 'renderer'),
  plugins: [
    react(),
    {
      name: 'demodeck-dev-csp',
      transformIndexHtml: async (html) => {
        const { CONTENT_SECURITY_POLICY } = await vite.ssrLoadModule(join(root, 'src', 'shared', 'csp.ts'))
        const policy = CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
          "connect-src 'self'",
          `connect-src 'self' ws://127.0.0.1:${devPort}`
        )
        return html.replace('%DEMODECK_CSP%', policy)
      }
    }
  ],
  server: { host: '127.0.0.1', port: devPort, strictPort: true, proxy: { '/api': toHost(true), '/deck-files': toHost(false) } }
})
await vite.listen()
console.log(`demodeck dev ready at ${devOrigin}/ (renderer with hot reload; host restarts on change)`)
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    host.kill(signal)
    void vite.close().then(() => process.exit(0))
  })
}
