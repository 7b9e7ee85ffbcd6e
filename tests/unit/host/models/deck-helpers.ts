/** Builds throwaway deck folders for model tests (temp dir; real fixtures are copied there, never into the repo). */
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const repoRoot = resolve(__dirname, '../../../..')
export const fixtures = join(repoRoot, 'tests/fixtures/models')
export const realOnnx = resolve(repoRoot, '..', 'shared', 'fixtures', 'real', 'onnx')
export const hasReal = existsSync(realOnnx)

export const MNIST_LABELS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']

/** Deck with copies of the named fixture folders; returns its root and a cleanup. */
export function makeDeck(folders: string[]): { root: string; models: string; add(id: string, files: Record<string, string | Buffer>): void; addReal(id: string, onnx: string, manifest: object): void; cleanup(): void } {
  const root = mkdtempSync(join(tmpdir(), 'demodeck-models-'))
  const models = join(root, 'models')
  mkdirSync(models)
  for (const f of folders) cpSync(join(fixtures, f), join(models, f), { recursive: true })
  return {
    root,
    models,
    add(id, files) {
      mkdirSync(join(models, id), { recursive: true })
      for (const [name, content] of Object.entries(files)) writeFileSync(join(models, id, name), content)
    },
    addReal(id, onnx, manifest) {
      mkdirSync(join(models, id), { recursive: true })
      copyFileSync(join(realOnnx, onnx), join(models, id, 'model.onnx'))
      writeFileSync(join(models, id, 'model.json'), JSON.stringify(manifest))
    },
    cleanup: () => rmSync(root, { recursive: true, force: true })
  }
}
