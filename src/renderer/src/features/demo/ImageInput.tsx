/**
 * Image demo input: draw (pad), upload (file picker or drag and drop), paste
 * (Ctrl+V anywhere while the slide is current) and webcam, plus the model's
 * example images. Everything becomes `{ image: <data URL> }`, and a thumbnail of
 * exactly what was sent stays on screen.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react'
import type { ExampleInput, ModelInfo } from '../../../../shared/types'
import { CameraPanel } from './CameraPanel'
import { DrawPad } from './DrawPad'
import { initialImageMode } from './image-mode'
import { fileToDataUrl, firstImageFile, ImageInputError } from './image-files'
import type { InputSource, Predictor } from './use-predictor'

/** Props of {@link ImageInput}. */
export interface ImageInputProps {
  model: ModelInfo
  predictor: Pick<Predictor, 'predict' | 'fail'>
  active: boolean
  initial: ExampleInput | null
}

type Mode = 'draw' | 'upload' | 'camera'

/** Draw / Upload / Camera tabs, example images, and the sent-image thumbnail. */
export function ImageInput({ model, predictor, active, initial }: ImageInputProps): React.JSX.Element {
  const fileId = useId()
  const [mode, setMode] = useState<Mode>(() => initialImageMode(model.image))
  const [sent, setSent] = useState<{ image: string; label: string } | null>(null)
  const [dragging, setDragging] = useState(false)
  const last = useRef<string | null>(initial?.image ?? null)
  const activeRef = useRef(active)
  activeRef.current = active
  const { predict, fail } = predictor

  const send = useCallback(
    (image: string, source: InputSource, label: string) => {
      if (!activeRef.current) return
      last.current = image
      setSent({ image, label })
      predict({ image }, source)
    },
    [predict]
  )

  const sendFile = useCallback(
    async (file: File | null, source: InputSource) => {
      if (!file) return fail('Nothing to use there: drop or paste an image file (PNG or JPEG).')
      try {
        send(await fileToDataUrl(file), source, file.name || 'pasted image')
      } catch (error) {
        fail(error instanceof ImageInputError ? error.message : `Could not read that image: ${String(error)}`)
      }
    },
    [send, fail]
  )

  // Re-run the last image when the slide becomes current again or the model reloads.
  useEffect(() => {
    if (active && last.current) send(last.current, 'example', sent?.label ?? 'example')
    // Deliberately not keyed on `send`/`sent`: this runs on activation and model reload only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active, model])

  // Ctrl+V with an image on the clipboard, while this slide is current.
  useEffect(() => {
    if (!active) return
    const onPaste = (e: ClipboardEvent): void => {
      const file = firstImageFile(e.clipboardData)
      if (!file || !file.type.startsWith('image/')) return // text pastes go where they were meant to
      e.preventDefault()
      void sendFile(file, 'paste')
    }
    window.addEventListener('paste', onPaste)
    return () => window.removeEventListener('paste', onPaste)
  }, [active, sendFile])

  const background = model.image?.background ?? 'black'
  const images = model.examples.filter((e): e is ExampleInput & { image: string } => typeof e.image === 'string')

  return (
    <div
      className={`dm-image${dragging ? ' is-dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault()
        setDragging(true)
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault()
        setDragging(false)
        void sendFile(firstImageFile(e.dataTransfer), 'file')
      }}
    >
      <div className="dm-tabs" role="tablist" aria-label="Image source">
        {(['draw', 'upload', 'camera'] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            aria-selected={mode === m}
            className={`dm-tab${mode === m ? ' is-selected' : ''}`}
            onClick={() => setMode(m)}
          >
            {m === 'draw' ? 'Draw' : m === 'upload' ? 'Upload' : 'Camera'}
          </button>
        ))}
      </div>
      <div className="dm-image-main">
        {mode === 'draw' && <DrawPad background={background} onStroke={(png) => send(png, 'draw', 'drawing')} />}
        {mode === 'upload' && (
          <div className="dm-drop">
            <p>Drop an image here, paste one with Ctrl+V, or</p>
            <label className="dm-button is-primary" htmlFor={fileId}>
              Choose a file…
            </label>
            <input
              id={fileId}
              className="dm-file"
              type="file"
              accept="image/*"
              aria-label="Image file"
              onChange={(e) => {
                void sendFile(e.currentTarget.files?.[0] ?? null, 'file')
                e.currentTarget.value = '' // picking the same file again predicts again
              }}
            />
          </div>
        )}
        {mode === 'camera' && <CameraPanel active={active} onCapture={(png) => send(png, 'camera', 'camera snapshot')} />}
        <figure className="dm-sent" data-testid="sent-image">
          {sent && sent.image.startsWith('data:') ? (
            <img src={sent.image} alt={`Image sent to the model: ${sent.label}`} />
          ) : (
            <div className="dm-sent-empty">{sent ? sent.label : 'nothing sent yet'}</div>
          )}
          <figcaption>sent</figcaption>
        </figure>
      </div>
      {images.length > 0 && (
        <div className="dm-examples" role="group" aria-label="Examples">
          <span className="dm-caption">Examples</span>
          {images.map((example, i) => (
            <button
              key={i}
              type="button"
              className="dm-chip dm-chip-image"
              title={example.label ?? example.image}
              onClick={() => send(example.image, 'example', example.label ?? `example ${i + 1}`)}
            >
              {example.image.startsWith('data:') ? <img src={example.image} alt="" /> : null}
              <span>{example.label ?? `example ${i + 1}`}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  )
}
