/**
 * One camera for both graph renderers. The 2-D canvas draws the first frame
 * and sigma.js (WebGL) takes over once it has drawn, so both must frame the
 * graph the same way and hand the user's pan and zoom over: this module holds
 * sigma's default framing and its zoom-dependent node sizes as plain math, in
 * the stored layout's units (x right, y down).
 *
 * [Note: sigma's framing, reproduced]
 * sigma.js normalises the node extent into a unit square (the larger side is
 * 1), then fits that square into the viewport less `stagePadding` on each side,
 * scaled by a correction ratio when graph and viewport differ in shape
 * (`getCorrectionRatio` and `matrixFromCamera` in sigma 3's normalization
 * module). A camera `{x, y, ratio}` then centres a point and zooms by 1/ratio,
 * and node sizes grow only with the square root of the zoom
 * (`zoomToSizeRatioFunction` defaults to Math.sqrt). Reproducing that here lets
 * the 2-D frame look like sigma's first frame, so swapping them shows no jump.
 */
import { layoutBounds } from './graph-view'

/** sigma.js's default `stagePadding` (px), which the demo keeps. */
export const STAGE_PADDING = 30

/** Where a graph canvas looks: the layout point at the canvas centre and sigma's zoom ratio (1 = whole graph, smaller = closer). */
export interface LayoutCamera {
  cx: number
  cy: number
  ratio: number
}

/** The smallest and largest zoom ratio, as the sigma canvas is configured. */
export const RATIO_LIMITS = { min: 0.02, max: 3 }

/** The whole graph framed, centred on its bounding box (sigma's default camera). */
export function homeCamera(layout: number[]): LayoutCamera {
  const b = layoutBounds(layout)
  return { cx: (b.minX + b.maxX) / 2, cy: (b.minY + b.maxY) / 2, ratio: 1 }
}

/**
 * Screen pixels per layout unit at zoom ratio 1 for a `width`×`height` canvas: the graph fitted as sigma fits
 * it (see [Note: sigma's framing, reproduced]).
 */
export function fitScale(layout: number[], width: number, height: number, padding = STAGE_PADDING): number {
  const b = layoutBounds(layout)
  const gw = b.maxX - b.minX || 1
  const gh = b.maxY - b.minY || 1
  const side = Math.max(Math.min(width, height) - 2 * padding, 1)
  return (side * correctionRatio(width, height, gw, gh)) / Math.max(gw, gh)
}

/** sigma's correction ratio: how much more of the viewport the graph may use when their shapes differ. */
export function correctionRatio(width: number, height: number, graphWidth: number, graphHeight: number): number {
  const viewport = height / width
  const graph = graphHeight / graphWidth
  if ((viewport < 1 && graph > 1) || (viewport > 1 && graph < 1)) return 1
  return Math.min(Math.max(graph, 1 / graph), Math.max(1 / viewport, viewport))
}

/** A node's radius at this zoom, given its radius at ratio 1 (sigma's square-root growth). */
export function sizeAtZoom(size: number, ratio: number): number {
  return size / Math.sqrt(ratio)
}

/** The camera zoomed by `factor` (> 1 closer) keeping the layout point (px, py) where it is on screen. */
export function zoomAround(camera: LayoutCamera, factor: number, px: number, py: number): LayoutCamera {
  const ratio = Math.min(RATIO_LIMITS.max, Math.max(RATIO_LIMITS.min, camera.ratio / factor))
  const k = ratio / camera.ratio
  return { cx: px - (px - camera.cx) * k, cy: py - (py - camera.cy) * k, ratio }
}

/**
 * sigma.js's camera state showing what `camera` shows: sigma's camera lives in its normalised ("framed")
 * coordinates, where the node extent spans 0–1 on its larger side, and SigmaCanvas gives sigma the layout with
 * y flipped (sigma's y grows upwards).
 */
export function sigmaCameraState(layout: number[], camera: LayoutCamera): { x: number; y: number; ratio: number; angle: number } {
  const b = layoutBounds(layout)
  const side = Math.max(b.maxX - b.minX, b.maxY - b.minY) || 1
  return { x: 0.5 + (camera.cx - (b.minX + b.maxX) / 2) / side, y: 0.5 - (camera.cy - (b.minY + b.maxY) / 2) / side, ratio: camera.ratio, angle: 0 }
}

/** The layout camera showing what sigma's camera `state` shows: the inverse of {@link sigmaCameraState}. */
export function layoutCameraFromSigma(layout: number[], state: { x: number; y: number; ratio: number }): LayoutCamera {
  const b = layoutBounds(layout)
  const side = Math.max(b.maxX - b.minX, b.maxY - b.minY) || 1
  return { cx: (b.minX + b.maxX) / 2 + (state.x - 0.5) * side, cy: (b.minY + b.maxY) / 2 - (state.y - 0.5) * side, ratio: state.ratio }
}

/** sigma.js's default `doubleClickZoomingRatio`: a double-click zooms in by this factor, on both renderers. */
export const DOUBLE_CLICK_ZOOM = 2.2
