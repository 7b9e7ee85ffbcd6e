/** The controls above a training chart: x axis, smoothing, log scale, outliers, zoom reset, export. */
import { algorithmLabels, xAxisOptions, type SmoothingAlgorithm, type XKey } from '../../../../core/series'

/** Props of {@link ChartToolbar}: each control's value and what changing it does. */
export interface ChartToolbarProps {
  xKey: XKey
  onXKey: (key: XKey) => void
  smoothing: number
  onSmoothing: (value: number) => void
  algorithm: SmoothingAlgorithm
  onAlgorithm: (value: SmoothingAlgorithm) => void
  log: boolean
  onLog: (value: boolean) => void
  ignoreOutliers: boolean
  onIgnoreOutliers: (value: boolean) => void
  zoomed: boolean
  onResetZoom: () => void
  canExport: boolean
  onExport: (kind: 'png' | 'svg') => void
}

/** The toolbar. */
export function ChartToolbar(p: ChartToolbarProps): React.JSX.Element {
  return (
    <div className="dd-chart-toolbar">
      <label>
        X axis
        <select value={p.xKey} onChange={(e) => p.onXKey(e.target.value as XKey)}>
          {xAxisOptions.map((o) => (
            <option key={o.key} value={o.key}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <label className="dd-chart-smoothing">
        Smoothing
        <input
          type="range"
          min={0}
          max={0.99}
          step={0.01}
          value={p.smoothing}
          aria-label="Smoothing"
          onChange={(e) => p.onSmoothing(Number(e.target.value))}
        />
        <output>{p.smoothing.toFixed(2)}</output>
      </label>
      <label>
        Algorithm
        <select value={p.algorithm} aria-label="Smoothing algorithm" onChange={(e) => p.onAlgorithm(e.target.value as SmoothingAlgorithm)}>
          {(Object.keys(algorithmLabels) as SmoothingAlgorithm[]).map((a) => (
            <option key={a} value={a}>
              {algorithmLabels[a]}
            </option>
          ))}
        </select>
      </label>
      <label>
        <input type="checkbox" checked={p.log} onChange={(e) => p.onLog(e.target.checked)} /> Log scale
      </label>
      <label title="Fit the y range to each line's values, leaving out single-batch spikes (marked at the plot's edge); never a line's learning phase or a whole run">
        <input type="checkbox" checked={p.ignoreOutliers} onChange={(e) => p.onIgnoreOutliers(e.target.checked)} /> Ignore outliers
      </label>
      <button type="button" onClick={p.onResetZoom} disabled={!p.zoomed}>
        Reset zoom
      </button>
      <button type="button" onClick={() => p.onExport('png')} disabled={!p.canExport}>
        Export PNG
      </button>
      <button type="button" onClick={() => p.onExport('svg')} disabled={!p.canExport}>
        Export SVG
      </button>
    </div>
  )
}
