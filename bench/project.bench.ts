/**
 * What the project directives cost on the host and in the renderer: parsing
 * the course checklist (a full course-shaped README), listing this repository
 * as `::tree{src="." depth="2"}` with its .gitignore, and highlighting a
 * 300-line Python file with the slide highlighter (Shiki, JavaScript regex
 * engine) cold (grammar compiled on first use) and warm.
 * Run: npx tsx bench/project.bench.ts  → bench/results/project.{json,md}
 */
import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { performance } from 'node:perf_hooks'
import { parseChecklist } from '../src/core/project/checklist'
import { ProjectService } from '../src/host/project/project-service'
import { createTokenizer } from '../src/renderer/src/features/deck/code/shiki-bundle'
import { machine, writeResults } from './lib/results'

const here = dirname(fileURLToPath(import.meta.url))
const root = resolve(here, '..')
const round = (n: number): number => Math.round(n * 100) / 100

function timeIt(runs: number, fn: () => unknown): { p50: number; best: number } {
  fn()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    fn()
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  return { p50: round(times[Math.floor(times.length / 2)]!), best: round(times[0]!) }
}

const readme = readFileSync(join(root, 'docs', 'course-checklist.md'), 'utf8')
const service = new ProjectService(root, { watch: false })
const python = readFileSync(join(root, 'training', 'train_tweets.py'), 'utf8')
  .split('\n')
  .slice(0, 300)
  .join('\n')

const t0 = performance.now()
const tokenizer = createTokenizer()
const createMs = performance.now() - t0
const t1 = performance.now()
tokenizer.tokenize(python, 'python')
const coldMs = performance.now() - t1

const tree = service.tree('.', 2, 500)
const results = [
  { name: `parse the course checklist (${parseChecklist(readme).total} tasks)`, ...timeIt(50, () => parseChecklist(readme)) },
  {
    name: `::tree of this repository, depth 2 (${tree.entries.length} entries, ${tree.ignored} ignored)`,
    ...timeIt(20, () => service.tree('.', 2, 500))
  },
  { name: '::code read + cut 300 lines of Python', ...timeIt(50, () => service.code('training/train_tweets.py', '1-300')) },
  { name: 'highlight 300 lines of Python, warm', ...timeIt(20, () => tokenizer.tokenize(python, 'python')) }
]
const env = machine()
const md = [
  '# Project directives',
  '',
  `${env.node}, ${env.cpu} (${env.cores} cores, shared; 1-min load average ${env.loadAvg1m}), ${env.date}. Creating the highlighter: ${round(createMs)} ms; first 300 lines of Python (grammar compiled on first use): ${round(coldMs)} ms.`,
  '',
  '| what | p50 ms | best ms |',
  '| --- | ---: | ---: |',
  ...results.map((r) => `| ${r.name} | ${r.p50} | ${r.best} |`),
  ''
].join('\n')
writeResults('project', { env, createHighlighterMs: round(createMs), firstPythonMs: round(coldMs), results }, md)
console.log(md)
service.dispose()
