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
 * It is bounded before it is read (image-files.ts).
 */
import { realpathSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import { ApiError } from '../../shared/api'
import { MAX_SET_ITEMS } from '../../shared/limits'
import type { ModelInfo, SetItem, SetSource } from '../../shared/types'
import { checkSet, parseSetFile, SetError } from '../../core/compare/sets'
import { exampleTruth } from '../../core/models/example-truth'
import { isImageFileName } from '../models/image-decode'
import { findProjectRoot, resolveProjectPath } from '../project/project-paths'
import { listImageFolder, readImageFiles, type ImageFile } from './image-files'

/** Largest set file read, bytes. */
export const MAX_SET_FILE_BYTES = 20 * 1024 * 1024

/** A set read and checked against its model. */
export interface LoadedSet {
  name: string
  items: SetItem[]
}

function examplesOf(model: ModelInfo): SetItem[] {
  const items: SetItem[] = []
  for (const example of model.examples) {
    const truth = exampleTruth(example.label, model.labels)
    const label = truth !== null ? { label: truth } : {}
    if (example.text !== undefined) items.push({ text: example.text, ...label })
    else if (example.image !== undefined) items.push({ image: example.image, ...label })
    else if (example.features !== undefined) items.push({ features: example.features, ...label })
  }
  return items
}

/**
 * Image file names in a JSONL set are read relative to the set file, by the
 * rules of every project path (inside the project, no secrets, links resolved),
 * and within the image-set bounds.
 */
async function inlineImages(items: SetItem[], deckRoot: string, setFile: string, shown: string): Promise<SetItem[]> {
  const named = items.flatMap((item, index) => ('image' in item && isImageFileName(item.image) ? [{ index, name: item.image }] : []))
  if (named.length === 0) return items
  const projectRoot = findProjectRoot(deckRoot)
  const deck = realpathSync(deckRoot)
  const files: ImageFile[] = named.map(({ name }) => {
    try {
      return { path: resolveProjectPath(deckRoot, projectRoot, relative(deck, join(dirname(setFile), name))).path }
    } catch (error) {
      if (error instanceof ApiError && error.code === 'not_found')
        throw new ApiError('bad_request', `${shown} names the image "${name}", which is not beside it`)
      if (error instanceof ApiError)
        throw new ApiError(error.code, `${shown} names the image "${name}": ${error.message.replace(/^src="[^"]*" /, '')}`)
      throw error
    }
  })
  const read = await readImageFiles(files, shown)
  const out = [...items]
  named.forEach(({ index }, i) => {
    out[index] = { ...items[index]!, image: (read[i] as { image: string }).image }
  })
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
      const named = `the ${which} set ${resolved.shown}`
      const files = await listImageFolder(resolved.path, named)
      if (files.length === 0)
        throw new ApiError('bad_request', `${resolved.shown} holds no .png or .jpg images (directly or in one folder per class)`)
      loaded = { name: resolved.shown, items: await readImageFiles(files, named) }
    } else {
      if (info.size > MAX_SET_FILE_BYTES)
        throw new ApiError(
          'too_large',
          `the ${which} set ${resolved.shown} is ${(info.size / 1048576).toFixed(0)} MB; a set file is at most 20 MB: take a sample`
        )
      try {
        const items = parseSetFile(resolved.shown, await readFile(resolved.path, 'utf8'), model.task, model.features)
        loaded = { name: resolved.shown, items: await inlineImages(items, deckRoot, resolved.path, resolved.shown) }
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
