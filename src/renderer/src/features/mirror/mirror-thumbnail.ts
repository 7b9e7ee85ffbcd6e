/**
 * A small thumbnail of an image input for the presenter's mirror: at most {@link THUMBNAIL_PX} pixels on its
 * longer side, as a JPEG data URL (a few KB), so the mirror never carries a full photo.
 */

/** Longest side of a thumbnail, CSS pixels. */
export const THUMBNAIL_PX = 96

/** Resolves to a JPEG data URL of `src` scaled down, or null when the image cannot be read. */
export function makeThumbnail(src: string): Promise<string | null> {
  return new Promise((resolve) => {
    const image = new Image()
    image.onload = () => {
      try {
        const scale = Math.min(1, THUMBNAIL_PX / Math.max(image.naturalWidth, image.naturalHeight, 1))
        const canvas = document.createElement('canvas')
        canvas.width = Math.max(1, Math.round(image.naturalWidth * scale))
        canvas.height = Math.max(1, Math.round(image.naturalHeight * scale))
        const context = canvas.getContext('2d')
        if (!context) return resolve(null)
        // JPEG has no alpha: a transparent drawing would turn black on black, so paint white under it.
        context.fillStyle = '#fff'
        context.fillRect(0, 0, canvas.width, canvas.height)
        context.drawImage(image, 0, 0, canvas.width, canvas.height)
        resolve(canvas.toDataURL('image/jpeg', 0.8))
      } catch {
        resolve(null)
      }
    }
    image.onerror = () => resolve(null)
    image.src = src
  })
}
