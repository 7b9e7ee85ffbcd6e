/**
 * Reads a set for the drift check or the model A/B: the model's examples, a
 * set file (CSV/JSONL/TXT) or a folder of images inside the project, or the
 * items sent with the request. Paths follow the rules of `::code` (see
 * [Note: project files are read, never served] in project/project-paths.ts).
 *
 * [Note: image sets as folders]
 * A folder of images is read like torchvision's `ImageFolder`: images directly
 * in the folder have no label; images in `<folder>/<class>/` are labelled with
 * the subfolder's name, so accuracy comes for free from the usual layout.
 */
import { readdir, readFile, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { ApiError } from '../../shared/api'
import { MAX_SET_ITEMS } from '../../shared/limits'
import type { ExampleInput, ModelInfo, SetItem, SetSource } from '../../shared/types'
import { checkSet, parseSetFile, SetError } from '../../core/compare/sets'
import { isImageFileName } from '../models/image-decode'
import { findProjectRoot, looksLikeSecret, resolveProjectPath } from '../project/project-paths'

/** Largest set file read, bytes. */
export const MAX_SET_FILE_BYTES = 20 * 1024 * 1024
/** Largest image of an image set, bytes. */
const MAX_SET_IMAGE_BYTES = 20 * 1024 * 1024

/** A set read and checked against its model. */
export interface LoadedSet {
  name: string
  items: SetItem[]
}

/** The class an example's label names: the label itself, or "a Barolo (held-out row 14)" → "Barolo"; else none. */
export function exampleTruth(example: ExampleInput, labels: string[]): string | undefined {
  const text = example.label?.trim()
  if (!text) return undefined
  const bare = text
    .replace(/^(a|an)\s+/i, '')
    .replace(/\s*\(.*\)\s*$/, '')
    .trim()
    .toLowerCase()
  return labels.find((l) => l.trim().toLowerCase() === bare || l.trim().toLowerCase() === text.toLowerCase())
}

function examplesOf(model: ModelInfo): SetItem[] {
  const items: SetItem[] = []
  for (const example of model.examples) {
    const truth = exampleTruth(example, model.labels)
    const label = truth !== undefined ? { label: truth } : {}
    if (example.text !== undefined) items.push({ text: example.text, ...label })
    else if (example.image !== undefined) items.push({ image: example.image, ...label })
    else if (example.features !== undefined) items.push({ features: example.features, ...label })
  }
  return items
}

async function imageFolder(dir: string, shown: string): Promise<SetItem[]> {
  const items: SetItem[] = []
  const add = async (file: string, label?: string): Promise<void> => {
    if (items.length > MAX_SET_ITEMS) return
    const info = await stat(file)
    if (info.size > MAX_SET_IMAGE_BYTES) throw new ApiError('too_large', `${basename(file)} in ${shown} is over 20 MB`)
    const image = (await readFile(file)).toString('base64')
    items.push(label === undefined ? { image } : { image, label })
  }
  const isImage = (name: string): boolean => isImageFileName(name) && !name.startsWith('.')
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))
  for (const entry of entries) {
    if (entry.name.startsWith('.') || looksLikeSecret(entry.name)) continue
    if (entry.isFile() && isImage(entry.name)) await add(join(dir, entry.name))
    else if (entry.isDirectory()) {
      const inner = (await readdir(join(dir, entry.name), { withFileTypes: true })).filter((e) => e.isFile() && isImage(e.name))
      for (const file of inner.sort((a, b) => a.name.localeCompare(b.name))) await add(join(dir, entry.name, file.name), entry.name)
    }
  }
  if (items.length === 0) throw new ApiError('bad_request', `${shown} holds no .png or .jpg images (directly or in one folder per class)`)
  return items
}

/** Image file names in a JSONL set are read relative to the set file. */
async function inlineImages(items: SetItem[], base: string, shown: string): Promise<SetItem[]> {
  const out: SetItem[] = []
  for (const item of items) {
    if ('image' in item && isImageFileName(item.image)) {
      try {
        out.push({ ...item, image: (await readFile(join(base, item.image))).toString('base64') })
      } catch {
        throw new ApiError('bad_request', `${shown} names the image "${item.image}", which is not beside it`)
      }
    } else out.push(item)
  }
  return out
}

/**
 * Reads and checks a set for `model` (`which` names it in messages: "reference", "current", "A/B").
 * @throws ApiError with the reason: a missing or unreadable file, a set too large, items of another kind than the model's.
 */
export async function loadSet(deckRoot: string, model: ModelInfo, source: SetSource, which: string): Promise<LoadedSet> {
  let loaded: LoadedSet
  if ('examples' in source) {
    loaded = { name: `${model.name} examples`, items: examplesOf(model) }
    if (loaded.items.length === 0)
      throw new ApiError('bad_request', `model "${model.id}" has no examples to use as the ${which} set: give a file or items`)
  } else if ('items' in source) {
    loaded = { name: `${source.items.length} sent item${source.items.length === 1 ? '' : 's'}`, items: source.items }
  } else {
    let resolved
    try {
      resolved = resolveProjectPath(deckRoot, findProjectRoot(deckRoot), source.file)
    } catch (error) {
      if (error instanceof ApiError) throw new ApiError(error.code, `the ${which} set: ${error.message.replace(/\bsrc="/g, 'file "')}`)
      throw error
    }
    const info = await stat(resolved.path)
    if (info.isDirectory()) {
      if (model.task !== 'image-classification') {
        throw new ApiError(
          'bad_request',
          `the ${which} set ${resolved.shown} is a folder; folders are image sets, and model "${model.id}" is a ${model.task.replace('-', ' ')} model: give a .csv, .jsonl or .txt file`
        )
      }
      loaded = { name: resolved.shown, items: await imageFolder(resolved.path, resolved.shown) }
    } else {
      if (info.size > MAX_SET_FILE_BYTES)
        throw new ApiError(
          'too_large',
          `the ${which} set ${resolved.shown} is ${(info.size / 1048576).toFixed(0)} MB; a set file is at most 20 MB: take a sample`
        )
      try {
        const items = parseSetFile(resolved.shown, await readFile(resolved.path, 'utf8'), model.task, model.features)
        loaded = { name: resolved.shown, items: await inlineImages(items, dirname(resolved.path), resolved.shown) }
      } catch (error) {
        if (error instanceof SetError) throw new ApiError('bad_request', `the ${which} set: ${error.message}`)
        throw error
      }
    }
  }
  try {
    checkSet(loaded.items, model.task, which, model.id)
  } catch (error) {
    if (error instanceof SetError) throw new ApiError(loaded.items.length > MAX_SET_ITEMS ? 'too_large' : 'bad_request', error.message)
    throw error
  }
  return loaded
}
