/**
 * Report figures when one of them cannot be saved (a chart whose export buttons are gone): that figure is named
 * in the warnings, at once rather than after a download wait, and the other figures and the snippet are written.
 * A print page made with setContent in real Chromium; the whole export runs in export.spec.ts.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { exportFigures } from '../../src/server/export/figures'
import { expect, test } from './fixtures'

const PAGE = `<div data-testid="print">
  <section data-slide-index="0"><h1>Curves</h1>
    <div class="dd-directive-chart"><div role="region" aria-label="Training chart: loss"><svg class="recharts-surface"><path d="M0 0L10 10"/></svg></div></div>
  </section>
  <section data-slide-index="1"><h1>Model</h1>
    <div class="dd-directive-model-card"><div data-testid="model-card" aria-label="Model card: wine" style="width:200px;height:80px;background:#222;color:#fff">wine</div></div>
  </section>
</div>`

test('a figure that cannot be exported is named in the warnings; the others and figures.md are written', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'demodeck-figures-'))
  try {
    await page.setContent(PAGE)
    const { figures, skipped } = await exportFigures(page, dir, 'Demo')
    expect(skipped).toEqual(['slide 1: the chart could not be exported (it has no "Export SVG" button)'])
    expect(figures.map((f) => f.kind)).toEqual(['model-card'])
    expect(readdirSync(dir).sort()).toEqual(['figures.md', figures[0]!.png, figures[0]!.svg].sort())
    expect(readFileSync(join(dir, 'figures.md'), 'utf8')).toContain(`![Model card: wine (slide 2, “Model”)](${figures[0]!.png})`)
    expect(existsSync(join(dir, figures[0]!.png))).toBe(true)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
