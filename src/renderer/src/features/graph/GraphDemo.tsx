/**
 * The live demo of a node-classification model (`::demo{model="cora-gcn"}` and
 * the full-screen page): the whole graph coloured by predicted class with
 * wrong predictions ringed, search by node id, a node's top-k bars and its
 * 1–2-hop neighbourhood, the test accuracy, and what-if edits (cut a node's
 * links, add one, blank its words) that re-run the model on the whole graph
 * and ring every node whose class changed, with undo.
 */
import { useMemo, useRef, useState } from 'react'
import type { ModelInfo, Prediction } from '../../../../shared/types'
import { LabelBars } from '../demo/LabelBars'
import { demoHref } from '../demo/demo-routes'
import { formatMs, formatPercent } from '../demo/demo-format'
import { GraphStage } from './GraphStage'
import { classColor, classCounts, describeStep, neighbourhood, parseNodeId } from './graph-model'
import { CANVAS_COLORS, Emphasis, type GraphViewState } from './graph-view'
import { useGraphDemo, type GraphDemoState } from './use-graph-demo'
import { useGraphMirror } from '../mirror/use-graph-mirror'
import type { MirrorPlace } from '../mirror/use-demo-mirror'
import './graph.css'

const SPLIT = ['not in a split', 'train', 'validation', 'test']

/** Props of {@link GraphDemo}. */
export interface GraphDemoProps {
  model: ModelInfo
  active: boolean
  /**
   * The slide is next to the current one: load the graph and its predictions on the unedited graph (a fixed
   * picture, like a chart's runs) and draw its first frame now, so the slide opens complete; WebGL starts
   * only once the slide is current (in software it holds the page for about a second).
   */
  near?: boolean
  top: number
  size: 'slide' | 'page'
  /** The slide of an audience-screen demo: it publishes the selected paper for the presenter's preview. */
  mirror?: MirrorPlace
}

/** Graph demo; key it by model id. */
export function GraphDemo({ model, active, near = false, top, size, mirror }: GraphDemoProps): React.JSX.Element {
  const demo = useGraphDemo(model.id, active || near)
  useGraphMirror(mirror, {
    modelId: model.id,
    data: demo.data,
    run: demo.run,
    selected: demo.selected,
    edits: demo.steps.length,
    error: demo.error,
    top,
    names: model.labels
  })
  const view = useViewState(demo)
  const names = model.labels

  return (
    <div
      role="region"
      className={`dm-demo dm-graph-demo dm-size-${size}`}
      data-prevent-swipe=""
      data-owns-keys=""
      data-testid="demo"
      data-model={model.id}
      aria-label={`Live demo: ${model.name}`}
      onKeyDown={(e) => {
        if ((e.target as HTMLElement).tagName === 'INPUT') e.stopPropagation()
      }}
    >
      <header className="dm-demo-head">
        <div className="dm-demo-title">
          <span className="dm-name">{model.name}</span>
          <span className="dm-badge">node classification</span>
          {demo.run && <Accuracy run={demo.run} base={demo.baseRun} edited={demo.steps.length > 0} />}
        </div>
        <div className="dm-row-buttons">
          <SearchBox nodes={demo.data?.nodes ?? 0} onFind={(n) => demo.select(n, true)} />
          {size === 'slide' && (
            <a className="dm-button" href={demoHref(model.id)} title="Open this demo full screen">
              ⤢ Full screen
            </a>
          )}
        </div>
      </header>
      {model.parity && !model.parity.ok && (
        <div className="dm-banner" role="alert" data-testid="parity-warning">
          <strong>⚠ Export parity check failed:</strong> {model.parity.message}
        </div>
      )}
      {demo.error && (
        <div className="dm-alert" role="alert">
          {demo.error}
        </div>
      )}
      <div className="dm-graph-body">
        <GraphStage
          view={view}
          active={active}
          near={near}
          focusSeq={demo.focusSeq}
          busy={demo.busy}
          onSelect={(n) => demo.select(n)}
          placeholder={
            demo.error ? (
              <span>
                The graph could not be loaded.{' '}
                <button type="button" className="dm-button" onClick={demo.retry}>
                  Try again
                </button>
              </span>
            ) : (
              'Loading the graph…'
            )
          }
        >
          {demo.run && <Legend names={names} run={demo.run} />}
        </GraphStage>
        <aside className="dm-graph-side">
          {demo.selected === null || !demo.data || !demo.run ? (
            <div className="dm-graph-hint">
              <p>
                Every dot is a paper, coloured by the class the model predicts; <span className="dm-ring-sample" /> a white ring marks a wrong
                prediction.
              </p>
              <p>Click a paper, or find one by id, to see its prediction, its neighbours and what-if edits.</p>
            </div>
          ) : (
            <NodePanel demo={demo} names={names} top={top} />
          )}
          <WhatIfLog demo={demo} names={names} />
        </aside>
      </div>
    </div>
  )
}

function useViewState(demo: GraphDemoState): GraphViewState | null {
  const { data, run, edited, selected } = demo
  const links = useMemo(() => {
    if (!data || !edited) return null
    if (demo.steps.length === 0) return data.edges
    const out: number[] = []
    edited.neighbours.forEach((list, a) => {
      for (const b of list) if (a < b) out.push(a, b)
    })
    return out
  }, [data, edited, demo.steps.length])
  return useMemo(() => {
    if (!data || !run || !edited || !links) return null
    const changed = new Set(run.changed)
    const fill = run.classes.map(classColor)
    const ring = run.classes.map((c, i) =>
      changed.has(i)
        ? CANVAS_COLORS.changedRing
        : data.labels[i]! >= 0 && data.split[i] !== 1 && c !== data.labels[i]
          ? CANVAS_COLORS.wrongRing
          : null
    )
    const emphasis = new Uint8Array(data.nodes)
    if (selected !== null) {
      emphasis.fill(Emphasis.Faded)
      const { hop1, hop2 } = neighbourhood(edited.neighbours, selected)
      for (const n of hop2) emphasis[n] = Emphasis.Hop2
      for (const n of hop1) emphasis[n] = Emphasis.Hop1
      emphasis[selected] = Emphasis.Selected
      for (const n of changed) if (emphasis[n] === Emphasis.Faded) emphasis[n] = Emphasis.Normal
    }
    return { nodes: data.nodes, layout: data.layout, links, fill, ring, emphasis, selected }
  }, [data, run, edited, links, selected])
}

function Accuracy({
  run,
  base,
  edited
}: {
  run: NonNullable<GraphDemoState['run']>
  base: GraphDemoState['baseRun']
  edited: boolean
}): React.JSX.Element | null {
  if (run.accuracy.test === null) return null
  const delta = edited && base?.accuracy.test != null ? run.accuracy.test - base.accuracy.test : 0
  return (
    <span className="dm-graph-acc" data-testid="graph-accuracy" title="Share of the test-split papers whose predicted class is their true class">
      test accuracy <b>{formatPercent(run.accuracy.test)}</b>
      {edited && delta !== 0 && (
        <span className="dm-muted">
          {' '}
          ({delta > 0 ? '+' : '−'}
          {formatPercent(Math.abs(delta))} after edits)
        </span>
      )}
    </span>
  )
}

function SearchBox({ nodes, onFind }: { nodes: number; onFind: (node: number) => void }): React.JSX.Element {
  const [text, setText] = useState('')
  const [bad, setBad] = useState(false)
  return (
    <form
      className="dm-graph-search"
      role="search"
      onSubmit={(e) => {
        e.preventDefault()
        const n = parseNodeId(text, nodes)
        setBad(n === null)
        if (n !== null) onFind(n)
      }}
    >
      <input
        type="text"
        inputMode="numeric"
        aria-label="Find a paper by id"
        aria-invalid={bad}
        placeholder={nodes ? `paper id 0–${nodes - 1}` : 'paper id'}
        value={text}
        onChange={(e) => {
          setText(e.target.value)
          setBad(false)
        }}
      />
      <button type="submit" className="dm-button">
        Find
      </button>
      {bad && (
        <span className="dm-graph-search-error" role="alert">
          no paper “{text.trim()}”
        </span>
      )}
    </form>
  )
}

function Legend({ names, run }: { names: string[]; run: GraphDemoState['run'] }): React.JSX.Element {
  const counts = useMemo(() => {
    const c = new Array<number>(names.length).fill(0)
    for (const k of run?.classes ?? []) c[k]!++
    return c
  }, [names.length, run])
  return (
    <ul className="dm-graph-legend" aria-label="Predicted classes">
      {names.map((name, i) => (
        <li key={name}>
          <span className="dm-swatch" style={{ background: classColor(i) }} />
          {name.replace(/_/g, ' ')} <span className="dm-muted">{counts[i]}</span>
        </li>
      ))}
    </ul>
  )
}

function NodePanel({ demo, names, top }: { demo: GraphDemoState; names: string[]; top: number }): React.JSX.Element {
  const data = demo.data!
  const run = demo.run!
  const node = demo.selected!
  const c = names.length
  const prediction: Prediction = useMemo(
    () => ({ predictions: names.map((label, k) => ({ label, score: run.scores[node * c + k]! })), latencyMs: run.latencyMs }),
    [names, run, node, c]
  )
  const { hop1, hop2 } = neighbourhood(demo.edited!.neighbours, node)
  const truth = data.labels[node]!
  const predicted = run.classes[node]!
  const blanked = demo.edited!.blanked.has(node)
  const words = blanked ? 0 : data.featureCounts[node]!
  return (
    <div className="dm-graph-node" data-testid="graph-node" data-node={node}>
      <div className="dm-graph-node-head">
        <b>Paper {node}</b> <span className="dm-chip">{SPLIT[data.split[node]!]}</span>
        {truth >= 0 && (
          <span className={truth === predicted ? 'dm-ok' : 'dm-bad'}>
            {truth === predicted ? '✓' : '✗'} true class {names[truth]!.replace(/_/g, ' ')}
          </span>
        )}
      </div>
      <LabelBars prediction={prediction} top={top} seq={run.classes.length + node} emptyHint="" />
      <div className="dm-graph-hops" data-testid="graph-neighbours">
        <div>
          <b>{hop1.length}</b> linked paper{hop1.length === 1 ? '' : 's'}:
          <span className="dm-graph-nbrs">
            {hop1.slice(0, 14).map((n) => (
              <button
                key={n}
                type="button"
                className="dm-nbr"
                style={{ borderColor: classColor(run.classes[n]!) }}
                title={names[run.classes[n]!]}
                onClick={() => demo.select(n, true)}
              >
                <span className="dm-swatch" style={{ background: classColor(run.classes[n]!) }} />
                {n}
              </button>
            ))}
            {hop1.length > 14 && <span className="dm-muted">+{hop1.length - 14}</span>}
          </span>
        </div>
        <div>
          <b>{hop2.length}</b> at 2 hops:{' '}
          {classCounts(hop2, run.classes)
            .slice(0, 4)
            .map(({ cls, count }) => (
              <span key={cls} className="dm-graph-count">
                <span className="dm-swatch" style={{ background: classColor(cls) }} />
                {count}
              </span>
            ))}
        </div>
        <div className="dm-muted">
          {words} word{words === 1 ? '' : 's'} of {data.featureSize.toLocaleString('en-US')}
          {blanked ? ' (blanked)' : ''}
        </div>
      </div>
      <WhatIfButtons demo={demo} node={node} links={hop1.length} blanked={blanked} />
    </div>
  )
}

function WhatIfButtons({ demo, node, links, blanked }: { demo: GraphDemoState; node: number; links: number; blanked: boolean }): React.JSX.Element {
  const [target, setTarget] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const input = useRef<HTMLInputElement>(null)
  const nodes = demo.data!.nodes
  return (
    <div className="dm-graph-whatif" aria-label="What if">
      <div className="dm-caption">What if…</div>
      <div className="dm-graph-whatif-row">
        <button type="button" className="dm-button" disabled={links === 0} onClick={() => demo.edit({ kind: 'cut', node })}>
          ✂ Cut its {links} link{links === 1 ? '' : 's'}
        </button>
        <button type="button" className="dm-button" disabled={blanked} onClick={() => demo.edit({ kind: 'blank', node })}>
          Blank its words
        </button>
      </div>
      <form
        className="dm-graph-whatif-row"
        onSubmit={(e) => {
          e.preventDefault()
          const other = parseNodeId(target, nodes)
          if (other === null) return setProblem(`no paper “${target.trim()}”`)
          if (other === node) return setProblem('a paper cannot cite itself')
          if (demo.edited!.neighbours[node]!.includes(other)) return setProblem(`already linked to ${other}`)
          setProblem(null)
          setTarget('')
          demo.edit({ kind: 'add', a: node, b: other })
          input.current?.blur()
        }}
      >
        <input
          ref={input}
          type="text"
          inputMode="numeric"
          aria-label="Paper id to link to"
          placeholder="paper id"
          value={target}
          onChange={(e) => setTarget(e.target.value)}
        />
        <button type="submit" className="dm-button">
          ＋ Add a link
        </button>
      </form>
      {problem && (
        <div className="dm-graph-search-error" role="alert">
          {problem}
        </div>
      )}
    </div>
  )
}

function WhatIfLog({ demo, names }: { demo: GraphDemoState; names: string[] }): React.JSX.Element | null {
  if (demo.steps.length === 0 || !demo.run) return null
  const changed = demo.run.changed
  const before = demo.baseRun?.classes ?? []
  return (
    <div className="dm-graph-log" data-testid="graph-changes">
      <div className="dm-graph-log-head">
        <span>
          {demo.steps.length} edit{demo.steps.length === 1 ? '' : 's'} · <b data-testid="graph-changed-count">{changed.length}</b> paper
          {changed.length === 1 ? '' : 's'} changed class
          {demo.busy && <span className="dm-muted"> · running…</span>}
          {!demo.busy && demo.roundTripMs !== null && <span className="dm-muted"> · {formatMs(demo.roundTripMs)}</span>}
        </span>
        <span className="dm-row-buttons">
          <button type="button" className="dm-button" title={`Undo: ${describeStep(demo.steps[demo.steps.length - 1]!)}`} onClick={demo.undo}>
            ↶ Undo
          </button>
          <button type="button" className="dm-button" onClick={demo.reset}>
            Reset
          </button>
        </span>
      </div>
      <ul className="dm-graph-changed">
        {changed.slice(0, 12).map((n) => (
          <li key={n}>
            <button type="button" className="dm-link" onClick={() => demo.select(n, true)}>
              {n}
            </button>{' '}
            <span className="dm-swatch" style={{ background: classColor(before[n] ?? -1) }} />
            {names[before[n] ?? 0]?.replace(/_/g, ' ')} → <span className="dm-swatch" style={{ background: classColor(demo.run!.classes[n]!) }} />
            {names[demo.run!.classes[n]!]?.replace(/_/g, ' ')}
          </li>
        ))}
        {changed.length > 12 && <li className="dm-muted">and {changed.length - 12} more (ringed in yellow)</li>}
      </ul>
    </div>
  )
}
