import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

/**
 * src/core and src/shared must run in plain Node: no Electron, no React, no disk
 * access. (DOM globals are ruled out by tsconfig.core.json, which has no DOM lib.)
 */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : []
  })
}

describe('core purity', () => {
  const root = resolve(__dirname, '../../../src')
  const sources = [...files(join(root, 'core')), ...files(join(root, 'shared'))]
  it.each(sources.map((path) => [path.slice(root.length + 1), path]))('%s imports no electron, react or fs', (_name, path) => {
    const text = readFileSync(path, 'utf8')
    const imports = [...text.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]!)
    for (const spec of imports) {
      expect(spec).not.toMatch(/^(electron|react|react-dom|node:fs|fs|node:child_process|child_process)(\/|$)/)
    }
  })
})
