/**
 * What `npm install` does on a user's machine: onnxruntime-node's install
 * script (which downloads CUDA libraries from NuGet on Linux x64) never runs,
 * every dependency script is decided in package.json's allowScripts (so npm
 * prints no "not covered" notice), and no .npmrc key npm does not know.
 */
import { describe, expect, it } from 'vitest'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '../../..')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  allowScripts?: Record<string, boolean>
  engines?: Record<string, string>
}
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { hasInstallScript?: boolean; optional?: boolean }>
}

describe('install policy', () => {
  it("denies onnxruntime-node's install script (no NuGet download)", () => {
    expect(pkg.allowScripts?.['onnxruntime-node']).toBe(false)
  })

  it('decides every dependency install script in allowScripts', () => {
    const withScripts = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && entry.hasInstallScript)
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length))
    expect(withScripts.length).toBeGreaterThan(0)
    for (const name of new Set(withScripts)) expect(Object.keys(pkg.allowScripts ?? {}), name).toContain(name)
  })

  it('keeps no .npmrc setting npm warns about', () => {
    const npmrc = join(root, '.npmrc')
    const text = existsSync(npmrc) ? readFileSync(npmrc, 'utf8') : ''
    expect(text).not.toMatch(/onnxruntime-node-install/)
  })

  it('states the supported Node and npm versions', () => {
    expect(pkg.engines?.['node']).toMatch(/20/)
    expect(pkg.engines?.['npm']).toMatch(/11\.16/)
  })
})
