/**
 * `npm run bench`: builds, then runs every bench/*.bench.{ts,mjs} in turn.
 * Each benchmark writes bench/results/<name>.json and .md; this script
 * collects the markdown into bench/results/SUMMARY.md.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildIfNeeded } from './build-if-needed.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const benchDir = join(root, 'bench')
const resultsDir = join(benchDir, 'results')
mkdirSync(resultsDir, { recursive: true })
buildIfNeeded()
const only = process.argv.slice(2)
const files = readdirSync(benchDir)
  .filter((name) => /\.bench\.(ts|mjs)$/.test(name))
  .filter((name) => only.length === 0 || only.some((filter) => name.includes(filter)))
  .sort()
const failures = []
for (const file of files) {
  console.log(`\n=== ${file}`)
  const args = file.endsWith('.ts') ? [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(benchDir, file)] : [join(benchDir, file)]
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) failures.push(file)
}
const sections = readdirSync(resultsDir)
  .filter((name) => name.endsWith('.md') && name !== 'SUMMARY.md')
  .sort()
  .map((name) => readFileSync(join(resultsDir, name), 'utf8').trim())
writeFileSync(
  join(resultsDir, 'SUMMARY.md'),
  `# demodeck benchmarks\n\nMachine: ${process.platform} ${process.arch}, Node ${process.version}, ${new Date().toISOString()}\n\n${sections.join('\n\n')}\n`
)
console.log(
  `\nResults: ${join('bench', 'results')} (${files.length} benchmarks${failures.length ? `, failed: ${failures.map((f) => basename(f)).join(', ')}` : ''})`
)
if (failures.length) process.exit(1)
if (!existsSync(resultsDir)) process.exit(1)
