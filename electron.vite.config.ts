import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import react from '@vitejs/plugin-react'
import { injectContentSecurityPolicy } from './src/shared/csp'

/**
 * [Note: the theme's fonts are files, not base64]
 * reveal.js ships its compiled black theme with Source Sans Pro inlined as four base64 WOFF fonts (≈ 570 KB
 * of the stylesheet that blocks slide 1). This drops those inlined faces and imports the same fonts' own
 * stylesheet from reveal.js's sources instead, so they are emitted as files the browser fetches only for
 * the weights a slide uses, after the first paint's CSS has arrived.
 */
function revealThemeFontsAsFiles(): Plugin {
  return {
    name: 'demodeck-reveal-theme-fonts',
    enforce: 'pre',
    transform(code, id) {
      if (!/reveal\.js[\\/]dist[\\/]theme[\\/][\w-]+\.css$/.test(id.split('?')[0]!)) return null
      const faces = /@font-face\{[^}]*url\(data:font\/[^}]*\}/g
      if (!faces.test(code)) return null
      return { code: `@import '../../css/theme/fonts/source-sans-pro/source-sans-pro.css';\n${code.replace(faces, '')}`, map: null }
    }
  }
}

/**
 * [Note: slide 1's fonts are preloaded]
 * A browser fetches a web font only once a laid-out element needs it, and paints no text in that font until
 * it has arrived (up to 3 s): slide 1's title waited for the deck, the layout, then the 115 KB heading face.
 * Preloading the theme's regular and semibold faces from the page's head fetches them beside the script.
 * Italics are left to load on use.
 */
function preloadSlideFonts(): Plugin {
  return {
    name: 'demodeck-preload-slide-fonts',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const files = Object.keys(ctx.bundle ?? {}).filter((file) => /source-sans-pro-(regular|semibold)-[\w-]+\.woff2?$/.test(file))
        return files.map((file) => ({
          tag: 'link',
          attrs: { rel: 'preload', href: `./${file}`, as: 'font', type: file.endsWith('2') ? 'font/woff2' : 'font/woff', crossorigin: '' },
          injectTo: 'head' as const
        }))
      }
    }
  }
}

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
      // electron-vite leaves bundles unminified; the renderer's script is what stands between launch and slide 1.
      minify: true,
      rollupOptions: {
        input: { index: resolve('src/renderer/index.html') }
      }
    },
    // The CSP is written once in src/shared/csp.ts; the server sends the same policy.
    plugins: [
      react(),
      { name: 'demodeck-csp', transformIndexHtml: (html: string) => injectContentSecurityPolicy(html) },
      revealThemeFontsAsFiles(),
      preloadSlideFonts()
    ]
  }
})
