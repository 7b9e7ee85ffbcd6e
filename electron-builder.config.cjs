/**
 * electron-builder configuration: `npm run package` builds installers for the current platform
 * (Linux AppImage + deb, macOS dmg, Windows NSIS). `npm run test:package` proves the layout.
 *
 * [Note: what goes into the package]
 * The app is the electron-vite build (out/) plus the production dependencies; the renderer's
 * libraries are devDependencies, already bundled into out/renderer, so none of them ships.
 * onnxruntime-node's binding and shared libraries cannot load from inside app.asar: they are
 * unpacked (app.asar.unpacked/node_modules/onnxruntime-node/bin/…), and each platform ships only
 * its own binaries. The example decks are extra resources outside the asar: the packaged app
 * copies one to a writable folder before opening it (src/main/deck-location.ts), so nothing
 * ever writes inside the app bundle.
 */
const base = [
  'out/**',
  'package.json',
  '!**/*.map',
  '!**/node_modules/**/{test,tests,__tests__,example,examples,docs,.github}/**',
  '!**/node_modules/**/*.{md,markdown,ts,tsx,cts,mts}'
]
const ort = '**/node_modules/onnxruntime-node/bin/napi-v6'

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'io.github.demodeck.app',
  productName: 'demodeck',
  copyright: 'Copyright © 2026 the demodeck authors',
  directories: { output: 'release', buildResources: 'build' },
  files: base,
  asar: true,
  // onnxruntime-node and sharp ship N-API binaries, ABI-stable across Node and Electron: nothing to rebuild.
  npmRebuild: false,
  asarUnpack: [`${ort.replace('/napi-v6', '')}/**`, '**/node_modules/sharp/**', '**/node_modules/@img/**'],
  extraResources: [
    { from: 'slides', to: 'example-deck/slides' },
    { from: 'models', to: 'example-deck/models' },
    { from: 'runs', to: 'example-deck/runs' },
    { from: 'examples', to: 'examples' }
  ],
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Education',
    executableName: 'demodeck',
    // Only this architecture's Linux binding (`${arch}` is x64 or arm64, as onnxruntime names them).
    files: [...base, `!${ort}/{darwin,win32}/**`, `!${ort}/linux/!(\${arch})/**`]
  },
  deb: { maintainer: 'demodeck authors <demodeck@users.noreply.github.com>' },
  mac: {
    // onnxruntime-node 1.30 ships macOS binaries for arm64 only (no darwin/x64 folder):
    // an Intel build would start without its inference runtime.
    target: [{ target: 'dmg', arch: ['arm64'] }],
    category: 'public.app-category.education',
    files: [...base, `!${ort}/{linux,win32}/**`]
  },
  win: {
    target: 'nsis',
    files: [...base, `!${ort}/{darwin,linux}/**`, `!${ort}/win32/!(\${arch})/**`]
  },
  nsis: { oneClick: false, perMachine: false }
}
