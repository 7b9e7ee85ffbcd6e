/**
 * Reads the images of an image set (a folder laid out like torchvision's
 * `ImageFolder`, or the files a JSONL set names) within two bounds checked
 * before any image is read: MAX_SET_ITEMS images and MAX_IMAGE_SET_BYTES in all.
 *
 * [Note: an image set is bounded before it is read]
 * Each image travels to the worker as a base64 string (4/3 of its size), so a
 * folder of 5,000 photos of 20 MB would be 130 GB of strings: the host would
 * run out of memory long before the item limit said no. The folder is listed
 * first (stopping as soon as it holds more images than a set may), every image
 * is stat'ed, and only a set within both limits is read.
 */
import { opendir, readFile, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { ApiError } from '../../shared/api'
import { MAX_SET_ITEMS } from '../../shared/limits'
import type { SetItem } from '../../shared/types'
import { isImageFileName } from '../models/image-decode'
import { looksLikeSecret } from '../project/project-paths'

/** Largest image of an image set, bytes. */
export const MAX_SET_IMAGE_BYTES = 20 * 1024 * 1024
/** Largest image set, bytes of image files in all (the strings sent on are 4/3 of it). */
export const MAX_IMAGE_SET_BYTES = 256 * 1024 * 1024

/** An image file of a set and its class, if any. */
export interface ImageFile {
  path: string
  label?: string
}

const MB = 1024 * 1024
const isImage = (name: string): boolean => isImageFileName(name) && !name.startsWith('.')

/** Names in `dir` (at most `limit + 1` matching `keep`), sorted; stops listing past the limit. */
async function listNames(dir: string, keep: (entry: { name: string; isFile(): boolean; isDirectory(): boolean }) => boolean, limit: number) {
  const names: Array<{ name: string; dir: boolean }> = []
  const handle = await opendir(dir)
  try {
    for await (const entry of handle) {
      if (!keep(entry)) continue
      names.push({ name: entry.name, dir: entry.isDirectory() })
      if (names.length > limit) break
    }
  } finally {
    await handle.close().catch(() => undefined)
  }
  return names.sort((a, b) => a.name.localeCompare(b.name))
}

function tooMany(shown: string): ApiError {
  return new ApiError(
    'too_large',
    `${shown} holds more than ${MAX_SET_ITEMS.toLocaleString('en')} images; a set holds at most ${MAX_SET_ITEMS.toLocaleString('en')}: take a random sample of it`
  )
}

/** The images of a folder: directly in it (no label) and in one subfolder per class. Lists only; reads nothing. */
export async function listImageFolder(dir: string, shown: string): Promise<ImageFile[]> {
  const files: ImageFile[] = []
  const top = await listNames(
    dir,
    (e) => !e.name.startsWith('.') && !looksLikeSecret(e.name) && ((e.isFile() && isImage(e.name)) || e.isDirectory()),
    MAX_SET_ITEMS
  )
  if (top.length > MAX_SET_ITEMS) throw tooMany(shown)
  for (const entry of top) {
    if (!entry.dir) files.push({ path: join(dir, entry.name) })
    else {
      const inner = await listNames(join(dir, entry.name), (e) => e.isFile() && isImage(e.name), MAX_SET_ITEMS - files.length)
      for (const file of inner) files.push({ path: join(dir, entry.name, file.name), label: entry.name })
    }
    if (files.length > MAX_SET_ITEMS) throw tooMany(shown)
  }
  return files
}

/**
 * Reads image files as base64 items, after checking the count and the total size (see the note at the top).
 * @param shown the set as the deck wrote it, for messages
 */
export async function readImageFiles(files: readonly ImageFile[], shown: string): Promise<SetItem[]> {
  if (files.length > MAX_SET_ITEMS) throw tooMany(shown)
  let total = 0
  for (const file of files) {
    const info = await stat(file.path)
    if (info.size > MAX_SET_IMAGE_BYTES) throw new ApiError('too_large', `${basename(file.path)} in ${shown} is over ${MAX_SET_IMAGE_BYTES / MB} MB`)
    total += info.size
  }
  if (total > MAX_IMAGE_SET_BYTES) {
    throw new ApiError(
      'too_large',
      `the images of ${shown} are ${Math.ceil(total / MB)} MB in all; an image set is at most ${MAX_IMAGE_SET_BYTES / MB} MB: take a sample, or smaller images`
    )
  }
  const items: SetItem[] = []
  let read = 0
  for (const file of files) {
    const bytes = await readFile(file.path)
    // A file that grew after the stat still counts against the budget.
    read += bytes.length
    if (read > MAX_IMAGE_SET_BYTES || bytes.length > MAX_SET_IMAGE_BYTES)
      throw new ApiError('too_large', `the images of ${shown} grew past ${MAX_IMAGE_SET_BYTES / MB} MB while being read`)
    const image = bytes.toString('base64')
    items.push(file.label === undefined ? { image } : { image, label: file.label })
  }
  return items
}
