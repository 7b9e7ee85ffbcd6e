/**
 * The preflight checks: pure functions from gathered facts to findings. Each
 * check is one area the student can act on (plan, directives, models, runs,
 * assets, layout, timing, clock); `runPreflight` puts them in a report.
 */
import type { PreflightCheck, PreflightFinding, PreflightReport } from '../../shared/preflight'
import { parseChartSpec } from '../series/chart-spec'
import { selectRuns } from '../series/select-runs'
import { findAssetRefs, isLocalUrl, isRemoteUrl, resolveLocal, type AssetKind } from './assets'
import { directiveFindings, LIVE_DIRECTIVES, modelSlides } from './directives'
import { endpointsCheck } from './endpoints'
import { projectFilesCheck } from './project-files'
import { runsIndexFindings } from './runs-warnings'
import type { PreflightFacts } from './facts'
import { check, withLine, type Context } from './check-context'
import { clockCheck, timingCheck } from './time-checks'
import { slideAtLine, slideSpans } from './locate'
import { matchPart, readPreflightSettings } from './settings'

/** Slide images or videos larger than this slow the first show of their slide. */
export const MAX_MEDIA_BYTES = 5 * 1024 * 1024
/** Models larger than this take seconds to load into ONNX Runtime. */
export const MAX_MODEL_BYTES = 200 * 1024 * 1024
/** Text smaller than this on the projector cannot be read from the back of the room. */
export const MIN_TEXT_PX = 14

const MB = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`

/** Deck problems that other checks report better (with their own code). */
const HANDLED_ELSEWHERE = new Set(['deck/budget-over'])
/** Deck problems that mean a component will not show: errors in the preflight. */
const DECK_ERRORS = new Set([
  'deck/unknown-directive',
  'deck/directive-attribute-missing',
  'deck/not-utf8',
  'deck/file-too-large',
  'deck/file-unreadable'
])

function planCheck(ctx: Context): PreflightCheck {
  const { deck } = ctx.facts
  const { slides, parts } = ctx.settings
  const findings: PreflightFinding[] = [...ctx.settings.findings]
  // Q&A backup slides (<!-- backup -->) are not part of the talk's plan.
  const talk = deck.slides.filter((s) => !s.backup)
  const backups = deck.slides.length - talk.length
  const count = talk.length
  if (count < slides.min || count > slides.max) {
    findings.push({
      severity: 'warning',
      code: 'plan/slide-count',
      message: `The deck has ${count} slide${count === 1 ? '' : 's'}${backups ? ` in the talk (and ${backups} backup)` : ''}; the plan is ${slides.planned} (front matter "slides: N" changes it; mark Q&A slides <!-- backup -->).`
    })
  }
  const missing: string[] = []
  const found: string[] = []
  for (const part of parts) {
    const hit = talk.find((s) => matchPart(part, s.title) !== null) ?? talk.find((s) => matchPart(part, s.notes) !== null)
    if (hit) found.push(`${part.name} (slide ${hit.index + 1})`)
    else missing.push(part.name)
  }
  if (missing.length > 0) {
    findings.push({
      severity: 'warning',
      code: 'plan/part-missing',
      message: `No slide title or notes mention ${missing.map((m) => `"${m}"`).join(', ')}: the exam expects ${parts.map((p) => p.name).join(', ')}. Name each part in a title (or set "parts:" in the front matter).`
    })
  }
  const partsText =
    parts.length === 0
      ? 'parts not checked'
      : missing.length === 0
        ? `all ${parts.length} parts found`
        : `${found.length} of ${parts.length} parts found`
  return check('plan', 'Plan', `${count} slides (plan ${slides.planned})${backups ? ` + ${backups} backup` : ''}; ${partsText}`, findings)
}

function deckCheck(ctx: Context): PreflightCheck {
  const { deck } = ctx.facts
  const findings: PreflightFinding[] = []
  for (const problem of [...deck.errors, ...deck.warnings]) {
    if (HANDLED_ELSEWHERE.has(problem.code) || problem.code.startsWith('directive/')) continue
    const severity = deck.errors.includes(problem) || DECK_ERRORS.has(problem.code) ? 'error' : 'warning'
    const finding: PreflightFinding = { severity, code: problem.code, message: problem.message }
    if (problem.slide !== undefined) finding.slide = problem.slide
    if (problem.file) finding.file = problem.file
    findings.push(problem.code === 'deck/unknown-directive' ? withLine(ctx, finding, ['::']) : withLine(ctx, finding, []))
  }
  return check(
    'slides',
    'Slides',
    `${deck.slides.length} slides read from ${ctx.facts.sources.length} file${ctx.facts.sources.length === 1 ? '' : 's'}`,
    findings
  )
}

function directivesCheck(ctx: Context): PreflightCheck {
  const { deck, models, runs } = ctx.facts
  const findings = directiveFindings(deck, models, runs).map((f) => {
    const needle =
      f.code === 'directive/unknown-model' ? /model="([^"]+)"/.exec(f.message)?.[0] : f.code === 'directive/unknown-metric' ? 'metrics=' : 'runs='
    return withLine(ctx, f, needle ? [needle] : ['::chart'])
  })
  if (!models)
    findings.push({
      severity: 'error',
      code: 'directive/models-unlisted',
      message: `The models could not be listed: ${ctx.facts.modelsError ?? 'unknown error'}.`
    })
  if (!runs)
    findings.push({
      severity: 'error',
      code: 'directive/runs-unlisted',
      message: `The training runs could not be listed: ${ctx.facts.runsError ?? 'unknown error'}.`
    })
  const count = deck.slides.reduce((n, s) => n + s.directives.filter((d) => LIVE_DIRECTIVES.includes(d.name)).length, 0)
  return check(
    'directives',
    'Live components',
    `${count} live component${count === 1 ? '' : 's'} (demos, model cards, charts, drift reports)`,
    findings
  )
}

function modelsCheck(ctx: Context): PreflightCheck {
  const { models, trials, deck } = ctx.facts
  const findings: PreflightFinding[] = []
  const used = modelSlides(deck)
  for (const model of models ?? []) {
    const slide = used.get(model.id)
    const severity = slide !== undefined ? 'error' : 'warning'
    const base =
      slide !== undefined ? withLine(ctx, { severity, code: '', message: '', slide }, [`model="${model.id}"`]) : { file: `models/${model.id}` }
    for (const problem of model.errors) {
      findings.push({
        ...base,
        severity,
        code: 'model/cannot-load',
        message: `Model "${model.id}" cannot run${slide === undefined ? ' (no slide uses it)' : ''}: ${problem.message}`
      })
    }
    // Endpoint problems are the Endpoints check's; the rest (manifest, external weights …) are said here.
    for (const warning of model.warnings) {
      if (warning.code === 'model/endpoint') continue
      findings.push({
        ...base,
        severity: 'warning',
        code: 'model/warning',
        message: `Model "${model.id}": ${warning.message.replace(/\.$/, '')}${slide === undefined ? ' (no slide uses it)' : ''}.`,
        ...(slide === undefined && warning.file ? { file: warning.file } : {})
      })
    }
    const trial = trials.find((t) => t.id === model.id)
    if (!trial || model.errors.length > 0) continue
    if (trial.parity && !trial.parity.ok) {
      findings.push({
        ...base,
        severity,
        code: 'model/parity',
        message: `Model "${model.id}" fails its export parity check: ${trial.parity.message}`
      })
    }
    if (trial.parityError)
      findings.push({
        ...base,
        severity,
        code: 'model/parity-error',
        message: `Model "${model.id}": the parity check could not run: ${trial.parityError}`
      })
    if (trial.predictionError)
      findings.push({
        ...base,
        severity,
        code: 'model/predict',
        message: `Model "${model.id}" failed on its first example: ${trial.predictionError}`
      })
    if (trial.noReference) {
      findings.push({
        ...base,
        severity: 'warning',
        code: 'model/no-reference',
        message: `Model "${model.id}" has no reference.json, so nothing shows that ONNX Runtime gives PyTorch's outputs (demodeck's README, section "reference.json" under "Your own model", says what it holds; demodeck-export writes it).`
      })
    }
  }
  const passed = trials.filter((t) => t.parity?.ok).length
  const tried = trials.length
  const summary = models
    ? `${used.size} model${used.size === 1 ? '' : 's'} on slides; ${tried} loaded and run, ${passed} passed parity`
    : 'models could not be listed'
  return check('models', 'Models', summary, findings)
}

function runsCheck(ctx: Context): PreflightCheck {
  const { deck, runs } = ctx.facts
  const findings: PreflightFinding[] = []
  let charted = 0
  if (runs) {
    const reported = new Set<string>()
    for (const slide of deck.slides) {
      for (const d of slide.directives) {
        if (d.name !== 'chart') continue
        const selected = selectRuns(runs, parseChartSpec(d.attributes).runs).runs
        charted += selected.length
        for (const run of selected) {
          const notSynced = run.warnings.find((w) => w.code === 'wandb/not-synced')
          if (!notSynced && run.steps > 0) continue
          if (reported.has(`${slide.index}:${run.id}`)) continue
          reported.add(`${slide.index}:${run.id}`)
          const message = notSynced
            ? `Slide ${slide.index + 1}: run "${run.name}" is not cached: ${notSynced.message} Open /runs and press Sync while online.`
            : `Slide ${slide.index + 1}: run "${run.name}" has no history rows, so its chart is empty.`
          findings.push(
            withLine(ctx, { severity: 'error', code: notSynced ? 'runs/not-cached' : 'runs/empty', message, slide: slide.index }, [
              'runs=',
              '::chart'
            ])
          )
        }
      }
    }
  }
  if (runs) findings.push(...runsIndexFindings(runs))
  return check(
    'runs',
    'Training runs offline',
    runs ? `${charted} run${charted === 1 ? '' : 's'} on charts, ${runs.length} in the deck` : 'runs could not be listed',
    findings,
    !runs
  )
}

const KIND_TEXT: Record<AssetKind, string> = {
  image: 'image',
  frame: 'embedded page',
  media: 'video/audio',
  stylesheet: 'stylesheet',
  font: 'font',
  'css-url': 'CSS url()',
  'media-link': 'link to a media file'
}

function assetsCheck(ctx: Context): PreflightCheck {
  const findings: PreflightFinding[] = []
  const files = new Map(ctx.facts.files.map((f) => [f.path, f.bytes]))
  let count = 0
  for (const source of ctx.facts.sources) {
    for (const ref of findAssetRefs(source.text)) {
      count++
      const slide = slideAtLine(ctx.spans, source.path, ref.line)
      const at = { file: source.path, line: ref.line, ...(slide !== undefined ? { slide } : {}) }
      const where = slide !== undefined ? `Slide ${slide + 1}` : source.path
      if (isRemoteUrl(ref.url)) {
        const link = ref.kind === 'media-link'
        findings.push({
          severity: link ? 'warning' : 'error',
          code: link ? 'assets/remote-link' : 'assets/remote',
          message: link
            ? `${where}: the ${KIND_TEXT[ref.kind]} ${ref.url} needs the network when clicked. Download it into slides/ and link the copy.`
            : `${where}: the ${KIND_TEXT[ref.kind]} ${ref.url} is on the internet and will not load offline (and demodeck blocks remote loads). Download it into slides/ and refer to the copy.`,
          ...at
        })
        continue
      }
      if (!isLocalUrl(ref.url)) continue
      const path = resolveLocal(ref.url)
      if (path === null) {
        findings.push({
          severity: 'error',
          code: 'assets/outside',
          message: `${where}: "${ref.url}" is not inside slides/; write the path relative to slides/ (like images/plot.png).`,
          ...at
        })
        continue
      }
      const bytes = files.get(path)
      if (bytes === undefined) {
        findings.push({
          severity: 'error',
          code: 'assets/missing',
          message: `${where}: ${path} does not exist (referred to as "${ref.url}").`,
          ...at
        })
      } else if (bytes > MAX_MEDIA_BYTES) {
        findings.push({
          severity: 'warning',
          code: 'assets/large',
          message: `${where}: ${path} is ${MB(bytes)}; files over ${MB(MAX_MEDIA_BYTES)} slow the slide down. Resize or compress it.`,
          ...at
        })
      }
    }
  }
  for (const [path, bytes] of files) {
    if (/^models\/[^/]+\/(.*\/)?[^/]+\.onnx$/i.test(path) && bytes > MAX_MODEL_BYTES) {
      findings.push({
        severity: 'warning',
        code: 'assets/large-model',
        message: `${path} is ${MB(bytes)}: loading it takes seconds. Quantize it or open the deck well before the talk.`,
        file: path
      })
    }
  }
  return check('assets', 'Offline assets', `${count} asset reference${count === 1 ? '' : 's'} in the slides`, findings)
}

function layoutCheck(ctx: Context): PreflightCheck {
  const { layout } = ctx.facts
  const sizes = ctx.settings.viewports.map((v) => `${v.width}×${v.height}`).join(' and ')
  if (!layout)
    return check('layout', 'Fits the projector', `not checked at ${sizes}: ${ctx.facts.layoutNote ?? 'no browser measured the slides'}`, [], true)
  const findings: PreflightFinding[] = []
  for (const want of ctx.settings.viewports) {
    const m = layout.find((l) => l.viewport.width === want.width && l.viewport.height === want.height)
    if (!m) {
      findings.push({ severity: 'info', code: 'layout/not-measured', message: `The slides were not measured at ${want.width}×${want.height}.` })
      continue
    }
    for (const o of m.overflow) {
      findings.push(
        withLine(
          ctx,
          {
            severity: 'error',
            code: 'layout/overflow',
            message: `Slide ${o.slide + 1} is ${o.px} px taller than the slide at ${want.width}×${want.height}: the audience will not see all of it. Shorten it or split it.`,
            slide: o.slide
          },
          []
        )
      )
    }
    for (const u of m.unmeasured ?? []) {
      findings.push(
        withLine(
          ctx,
          {
            severity: 'warning',
            code: 'layout/not-measured',
            message: `Could not measure slide ${u.slide + 1} at ${want.width}×${want.height}: ${u.reason}. Check it fits by eye, or run the check again.`,
            slide: u.slide
          },
          []
        )
      )
    }
    if (m.smallestText && m.smallestText.px < MIN_TEXT_PX) {
      findings.push(
        withLine(
          ctx,
          {
            severity: 'warning',
            code: 'layout/small-text',
            message: `Slide ${m.smallestText.slide + 1}: the smallest text is ${m.smallestText.px.toFixed(1)} px high on a ${want.width}×${want.height} screen; below ${MIN_TEXT_PX} px is hard to read from the back.`,
            slide: m.smallestText.slide
          },
          []
        )
      )
    }
  }
  return check('layout', 'Fits the projector', `measured at ${sizes} (${layout[0]?.source ?? 'browser'})`, findings)
}

/** Runs every check on the facts and builds the report. */
export function runPreflight(facts: PreflightFacts): PreflightReport {
  const ctx: Context = { facts, settings: readPreflightSettings(facts.sources[0]), spans: slideSpans(facts.sources) }
  const checks = [
    planCheck(ctx),
    deckCheck(ctx),
    directivesCheck(ctx),
    modelsCheck(ctx),
    endpointsCheck(ctx),
    runsCheck(ctx),
    assetsCheck(ctx),
    projectFilesCheck(ctx),
    layoutCheck(ctx),
    timingCheck(ctx),
    clockCheck(ctx)
  ]
  const all = checks.flatMap((c) => c.findings)
  const errors = all.filter((f) => f.severity === 'error').length
  return {
    ok: errors === 0,
    errors,
    warnings: all.filter((f) => f.severity === 'warning').length,
    checks,
    checkedAt: new Date(facts.now).toISOString(),
    deckTitle: facts.deck.title
  }
}

/** The viewports the layout should be measured at for this deck (1280×720 and the configured projector). */
export function layoutViewports(sources: PreflightFacts['sources']): Array<{ width: number; height: number }> {
  return readPreflightSettings(sources[0]).viewports
}
