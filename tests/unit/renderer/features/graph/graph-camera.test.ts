/**
 * The 2-D canvas frames the graph exactly as sigma.js does, so the WebGL
 * renderer can take over from the 2-D first frame without a jump: checked
 * against sigma's own matrix code (sigma/utils) for wide, tall and square
 * canvases and graphs, at the home camera and after pan and zoom.
 */
import { describe, expect, it } from 'vitest'
import { createNormalizationFunction, matrixFromCamera, multiplyVec2 } from 'sigma/utils'
import {
  fitScale,
  homeCamera,
  layoutCameraFromSigma,
  sigmaCameraState,
  sizeAtZoom,
  STAGE_PADDING,
  zoomAround,
  type LayoutCamera
} from '../../../../../src/renderer/src/features/graph/graph-camera'

/** Where sigma draws layout point (x, y) on a width×height canvas (SigmaCanvas flips y for sigma). */
function sigmaScreen(layout: number[], camera: LayoutCamera, width: number, height: number, x: number, y: number): { x: number; y: number } {
  const xs = layout.filter((_, i) => i % 2 === 0)
  const ys = layout.filter((_, i) => i % 2 === 1).map((v) => -v)
  const extent = { x: [Math.min(...xs), Math.max(...xs)] as [number, number], y: [Math.min(...ys), Math.max(...ys)] as [number, number] }
  const normalise = createNormalizationFunction(extent)
  const dims = { width: extent.x[1] - extent.x[0] || 1, height: extent.y[1] - extent.y[0] || 1 }
  const matrix = matrixFromCamera(sigmaCameraState(layout, camera), { width, height }, dims, STAGE_PADDING)
  const clip = multiplyVec2(matrix, normalise({ x, y: -y }))
  return { x: ((1 + clip.x) * width) / 2, y: ((1 - clip.y) * height) / 2 }
}

/** Where the 2-D canvas draws it. */
function canvasScreen(layout: number[], camera: LayoutCamera, width: number, height: number, x: number, y: number): { x: number; y: number } {
  const scale = fitScale(layout, width, height) / camera.ratio
  return { x: width / 2 + (x - camera.cx) * scale, y: height / 2 + (y - camera.cy) * scale }
}

const wide = [-40, -10, 60, 25, 10, 5, -20, 12]
const tall = [0, -300, 20, 250, -15, 0, 8, 90]
const square = [0, 0, 1, 1, 0.5, 0.2]

describe('the 2-D canvas frames the graph as sigma.js does', () => {
  for (const [name, layout] of [
    ['a wide graph', wide],
    ['a tall graph', tall],
    ['a square graph', square]
  ] as const) {
    for (const [width, height] of [
      [900, 560],
      [400, 700],
      [600, 600]
    ] as const) {
      it(`${name} on a ${width}×${height} canvas, at home and panned and zoomed`, () => {
        const home = homeCamera(layout)
        const moved = zoomAround({ ...home, cx: home.cx + 3 }, 2.5, layout[2]!, layout[3]!)
        for (const camera of [home, moved]) {
          for (let i = 0; i < layout.length; i += 2) {
            const a = sigmaScreen(layout, camera, width, height, layout[i]!, layout[i + 1]!)
            const b = canvasScreen(layout, camera, width, height, layout[i]!, layout[i + 1]!)
            expect(b.x).toBeCloseTo(a.x, 3)
            expect(b.y).toBeCloseTo(a.y, 3)
          }
        }
      })
    }
  }

  it('the home camera is sigma default camera', () => {
    expect(sigmaCameraState(wide, homeCamera(wide))).toEqual({ x: 0.5, y: 0.5, ratio: 1, angle: 0 })
  })

  it('reads a pan and zoom made in sigma back as the same layout camera, for the 2-D canvas to take over', () => {
    for (const layout of [wide, [0, 0, 4, 30, -2, 12]]) {
      const camera: LayoutCamera = { cx: 3.25, cy: -1.5, ratio: 0.3 }
      const back = layoutCameraFromSigma(layout, sigmaCameraState(layout, camera))
      expect(back.cx).toBeCloseTo(camera.cx, 9)
      expect(back.cy).toBeCloseTo(camera.cy, 9)
      expect(back.ratio).toBe(camera.ratio)
    }
    expect(layoutCameraFromSigma(wide, { x: 0.5, y: 0.5, ratio: 1 })).toEqual(homeCamera(wide))
  })

  it('fits a single paper (no extent) without dividing by zero', () => {
    expect(fitScale([5, 5], 800, 600)).toBeGreaterThan(0)
    expect(sigmaCameraState([5, 5], homeCamera([5, 5]))).toEqual({ x: 0.5, y: 0.5, ratio: 1, angle: 0 })
  })
})

describe('zoomAround', () => {
  it('keeps the point under the pointer where it is on screen', () => {
    const home = homeCamera(wide)
    const before = canvasScreen(wide, home, 800, 500, 10, 5)
    const after = canvasScreen(wide, zoomAround(home, 3, 10, 5), 800, 500, 10, 5)
    expect(after.x).toBeCloseTo(before.x, 6)
    expect(after.y).toBeCloseTo(before.y, 6)
  })

  it('stops at the zoom limits sigma is given', () => {
    expect(zoomAround(homeCamera(wide), 1e6, 0, 0).ratio).toBe(0.02)
    expect(zoomAround(homeCamera(wide), 1e-6, 0, 0).ratio).toBe(3)
  })
})

describe('sizeAtZoom', () => {
  it('grows a node with the square root of the zoom, as sigma does', () => {
    expect(sizeAtZoom(3, 1)).toBe(3)
    expect(sizeAtZoom(3, 0.25)).toBe(6)
  })
})
