/**
 * `npm run add-model -- path/to/model.onnx [--deck DIR] [--id ID] [--force]`: copies an ONNX file into
 * <deck>/models/<id>/ and writes a model.json draft with everything the file tells (task from the inputs,
 * image size and channels, feature and class counts) and a TODO for the rest. The deck defaults to the
 * current directory; the schema goes to <deck>/schemas/ so `$schema` resolves wherever the deck lives.
 *
 * [Note: paths from where the user typed]
 * `npm run` starts a script in the package's folder (the demodeck clone) and
 * leaves the folder the command was typed in as INIT_CWD: relative paths and
 * the default deck are taken from there, so `npm run add-model --
 * models/my-cnn/model.onnx` typed in a deck folder means that deck's file.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { draftManifest } from '../src/core/models/manifest-draft'
import { decodeOnnx } from '../src/core/models/onnx-proto'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')

function fail(message: string): never {
  console.error(`add-model: ${message}`)
  process.exit(2)
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { deck: { type: 'string' }, id: { type: 'string' }, force: { type: 'boolean', default: false } }
})
// See [Note: paths from where the user typed].
const here = process.env['INIT_CWD'] || process.cwd()
const typed = positionals[0]
if (!typed) fail('usage: npm run add-model -- path/to/model.onnx [--deck DIR] [--id ID] [--force]')
const deck = resolve(here, values.deck ?? '.')
// A path inside the deck (the hint demodeck prints: `models/<id>/model.onnx --deck <deck>`) works from anywhere.
const fromHere = resolve(here, typed)
const source = existsSync(fromHere) || isAbsolute(typed) ? fromHere : resolve(deck, typed)
if (!existsSync(source)) fail(`${typed} does not exist (looked in ${here}${source !== fromHere ? ` and in ${deck}` : ''})`)
let summary
try {
  summary = decodeOnnx(readFileSync(source))
} catch (error) {
  fail(`${source} is not a readable ONNX file: ${(error as Error).message}`)
}
const stem = basename(source).replace(/\.onnx$/i, '')
const id = (values.id ?? (stem === 'model' ? basename(dirname(resolve(source))) : stem)).replace(/[^A-Za-z0-9._-]+/g, '-')
const folder = join(deck, 'models', id)
const manifestFile = join(folder, 'model.json')
if (existsSync(manifestFile) && !values.force) fail(`${relative(here, manifestFile)} exists; pass --force to replace it`)
mkdirSync(folder, { recursive: true })
const target = join(folder, 'model.onnx')
if (resolve(source) !== target) copyFileSync(source, target)
const schema = join(deck, 'schemas', 'model.schema.json')
if (!existsSync(schema)) {
  mkdirSync(dirname(schema), { recursive: true })
  copyFileSync(join(repoRoot, 'schemas', 'model.schema.json'), schema)
}
const draft = draftManifest(summary, 'model.onnx', id, '../../schemas/model.schema.json')
writeFileSync(manifestFile, JSON.stringify(draft.manifest, null, 2) + '\n')
const shown = relative(here, manifestFile).startsWith('..') ? manifestFile : relative(here, manifestFile)
console.log(`add-model: wrote ${shown} (${draft.guess.task ?? 'task unknown'}: ${draft.guess.reason})`)
console.log('TODO before the exam:')
for (const todo of draft.todos) console.log(`  - ${todo}`)
