/**
 * Webcam input: starts the camera only when asked (no surprise permission
 * prompt on a slide), shows the live video, and sends a centred square snapshot.
 * Every way getUserMedia can fail ends in a plain sentence, not a dead panel.
 */
import { useEffect, useRef, useState } from 'react'

/** Props of {@link CameraPanel}. */
export interface CameraPanelProps {
  /** Called with a PNG data URL of the snapshot. */
  onCapture: (dataUrl: string) => void
  /** The camera stops when this turns false (slide left). */
  active: boolean
}

type CameraState = { status: 'off' } | { status: 'starting' } | { status: 'live' } | { status: 'error'; message: string }

/** Readable reason for a getUserMedia failure. */
export function cameraErrorMessage(error: unknown): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : ''
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'Camera access was denied. Allow the camera for this page (browser site settings or system privacy settings), or use Draw / Upload instead.'
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No camera was found on this computer. Plug one in, or use Draw / Upload instead.'
    case 'NotReadableError':
    case 'AbortError':
      return 'The camera is busy or could not start (another app may be using it). Close that app and try again.'
    default:
      return `The camera could not start: ${error instanceof Error ? error.message : String(error)}`
  }
}

/** Start button, live preview, Capture button, readable camera errors. */
export function CameraPanel({ onCapture, active }: CameraPanelProps): React.JSX.Element {
  const video = useRef<HTMLVideoElement>(null)
  const stream = useRef<MediaStream | null>(null)
  const [state, setState] = useState<CameraState>({ status: 'off' })

  const stop = (): void => {
    stream.current?.getTracks().forEach((t) => t.stop())
    stream.current = null
  }
  useEffect(() => stop, [])
  useEffect(() => {
    if (!active) {
      stop()
      setState({ status: 'off' })
    }
  }, [active])

  const start = async (): Promise<void> => {
    if (!navigator.mediaDevices?.getUserMedia) {
      setState({
        status: 'error',
        message: 'This window offers no camera access (it needs the desktop app or a page served from localhost). Use Draw / Upload instead.'
      })
      return
    }
    setState({ status: 'starting' })
    try {
      const media = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 480 } }, audio: false })
      stream.current = media
      if (video.current) {
        video.current.srcObject = media
        await video.current.play().catch(() => undefined)
      }
      setState({ status: 'live' })
    } catch (error) {
      setState({ status: 'error', message: cameraErrorMessage(error) })
    }
  }

  const capture = (): void => {
    const v = video.current
    if (!v || !v.videoWidth) return
    const side = Math.min(v.videoWidth, v.videoHeight)
    const canvas = document.createElement('canvas')
    canvas.width = canvas.height = Math.min(side, 448)
    canvas.getContext('2d')!.drawImage(v, (v.videoWidth - side) / 2, (v.videoHeight - side) / 2, side, side, 0, 0, canvas.width, canvas.height)
    onCapture(canvas.toDataURL('image/png'))
  }

  return (
    <div className="dm-camera">
      <video ref={video} className="dm-camera-video" muted playsInline hidden={state.status !== 'live'} />
      {state.status === 'error' && (
        <div className="dm-alert" role="alert">
          {state.message}
        </div>
      )}
      <div className="dm-row-buttons">
        {state.status === 'live' ? (
          <>
            <button type="button" className="dm-button is-primary" onClick={capture}>
              Capture
            </button>
            <button
              type="button"
              className="dm-button"
              onClick={() => {
                stop()
                setState({ status: 'off' })
              }}
            >
              Stop camera
            </button>
          </>
        ) : (
          <button type="button" className="dm-button is-primary" disabled={state.status === 'starting'} onClick={() => void start()}>
            {state.status === 'starting' ? 'Starting camera…' : 'Start camera'}
          </button>
        )}
      </div>
    </div>
  )
}
