/**
 * Turning whatever the user gives the image demo (a file, a pasted image, a
 * canvas, a video frame) into the base64 PNG/JPEG data URL the predict API
 * takes. Browser-only helpers.
 */

/** Files above this size are re-encoded smaller before sending. */
const MAX_DIRECT_BYTES = 2 * 1024 * 1024
/** Longest side of a re-encoded image; the host resizes to the model's size anyway. */
const MAX_SIDE = 1024
/** Hard limit: bigger files get a message instead of a long upload. */
const MAX_FILE_BYTES = 40 * 1024 * 1024

/** A readable error for the demo box (thrown, caught by the caller, shown with role="alert"). */
export class ImageInputError extends Error {}

function readAsDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(new ImageInputError(`Could not read the file (${reader.error?.message ?? 'unknown error'}).`))
    reader.readAsDataURL(blob)
  })
}

/**
 * A data URL for an image file. PNG and JPEG under 2 MiB are sent byte for
 * byte (no re-encoding, so an 8×8 example stays exactly 8×8); other image
 * types (WebP, GIF, BMP…) and big photos are redrawn into a PNG.
 */
export async function fileToDataUrl(file: Blob & { name?: string }): Promise<string> {
  const name = file.name ? `“${file.name}”` : 'The pasted item'
  if (!file.type.startsWith('image/')) {
    throw new ImageInputError(`${name} is not an image (${file.type || 'unknown type'}). Use a PNG or JPEG picture.`)
  }
  if (file.size > MAX_FILE_BYTES) {
    throw new ImageInputError(`${name} is ${(file.size / 1048576).toFixed(0)} MiB; the demo takes images up to 40 MiB.`)
  }
  if ((file.type === 'image/png' || file.type === 'image/jpeg') && file.size <= MAX_DIRECT_BYTES) {
    return readAsDataUrl(file)
  }
  let bitmap: ImageBitmap
  try {
    bitmap = await createImageBitmap(file)
  } catch {
    throw new ImageInputError(`${name} could not be decoded as an image. Use a PNG or JPEG picture.`)
  }
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height))
  const canvas = document.createElement('canvas')
  canvas.width = Math.max(1, Math.round(bitmap.width * scale))
  canvas.height = Math.max(1, Math.round(bitmap.height * scale))
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height)
  bitmap.close()
  return canvas.toDataURL('image/png')
}

/** The first image file in a clipboard or drop payload, if any. */
export function firstImageFile(data: DataTransfer | null): File | null {
  if (!data) return null
  for (const file of Array.from(data.files)) if (file.type.startsWith('image/')) return file
  for (const item of Array.from(data.items ?? [])) {
    if (item.kind === 'file' && item.type.startsWith('image/')) return item.getAsFile()
  }
  return data.files[0] ?? null
}
