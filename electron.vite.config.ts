import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import { injectContentSecurityPolicy } from './src/shared/csp'

/**
 * Three builds: main (Electron main + the browser-mode server + the inference
 * worker, all plain Node ESM), preload (CommonJS, so it runs in a sandboxed
 * renderer), renderer (React). onnxruntime-node stays external: its .node
 * binary must be loaded from node_modules, never bundled.
 */
const out = process.env.DEMODECK_OUT ?? 'out'

export default defineConfig({
  main: {
    build: {
      outDir: `${out}/main`,
      externalizeDeps: true,
      rollupOptions: {
        // The CLIs (check, export) drive the system Chromium with playwright-core from node_modules: never bundled.
        external: ['playwright-core'],
        input: {
          index: resolve('src/main/index.ts'),
          server: resolve('src/server/index.ts'),
          'inference.worker': resolve('src/host/models/inference.worker.ts'),
          'run-index.worker': resolve('src/host/runs/run-index.worker.ts'),
          check: resolve('src/server/cli/check.ts'),
          export: resolve('src/server/cli/export.ts')
        }
      }
    }
  },
  preload: {
    build: {
      outDir: `${out}/preload`,
      externalizeDeps: true,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve('src/renderer'),
    build: {
      outDir: `${out}/renderer`,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } }
    },
    // The CSP is written once in src/shared/csp.ts; the server sends the same policy.
    plugins: [react(), { name: 'demodeck-csp', transformIndexHtml: (html: string) => injectContentSecurityPolicy(html) }]
  }
})
