/**
 * The deployed model in the demo, end to end: real Chromium, the real
 * browser-mode server, and a real FastAPI app on loopback as "the student's
 * Cloud Run service" (skipped, saying why, where Debian's python3 lacks FastAPI).
 * The source switch, Both with agreement, the curl of the request the host sent,
 * and — after the service is stopped — the local model answering with a calm
 * label on the audience screen while the presenter sees the diagnosis.
 */
import { test, expect } from '@playwright/test'
import { copyDeck, removeDir, startServer, type DeckServer } from './fixtures'
import { fastApiMissing, startFastApi, type Running } from '../fixtures/endpoint/servers'
import { setEndpoint } from '../fixtures/endpoint/deck'

const missing = fastApiMissing()
const EARTHQUAKE = 'Magnitude 6.1 earthquake hits near the coast, buildings collapsed'

test.describe(`a deployed FastAPI endpoint${missing ? ` (skipped: ${missing})` : ''}`, () => {
  test.skip(missing !== null, missing ?? '')
  let api: Running
  let server: DeckServer
  let deck = ''

  test.beforeAll(async () => {
    api = await startFastApi()
    deck = copyDeck()
    setEndpoint(deck, 'disaster-tweets/demodeck.json', { url: `${api.url}/inference`, timeoutMs: 1500 })
    setEndpoint(deck, 'wine/model.json', { url: `${api.url}/predict`, record: 3 })
    server = await startServer(deck)
    // Warm, as a demo model is by the time its slide shows: a deployed answer waits only briefly for a cold
    // local model (LOCAL_GRACE_MS, tested in tests/unit/host/endpoint/endpoint-service-auth.test.ts).
    const warm = await fetch(`${server.url}api/models/disaster-tweets/predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: EARTHQUAKE })
    })
    expect(warm.status).toBe(200)
  })
  test.afterAll(async () => {
    await server?.stop()
    await api?.stop()
    if (deck) removeDir(deck)
  })

  test('the model card links to the deployed endpoint and its FastAPI /docs, opening in a new tab', async ({ page, context }) => {
    await page.goto(new URL('demo/disaster-tweets', server.url).href)
    const line = page.getByTestId('model-card').getByTestId('card-deployed')
    // A card shows once its model has loaded in a worker and passed its parity check: on a busy machine that
    // shares the cores with the deck's warm-up of every model it uses, this can take longer than 10 s.
    await expect(line).toContainText(`Deployed ${new URL(api.url).host} · API docs`, { timeout: 30_000 })
    await expect(line.getByRole('link', { name: new URL(api.url).host })).toHaveAttribute('href', `${api.url}/inference`)
    const docs = line.getByRole('link', { name: 'API docs' })
    await expect(docs).toHaveAttribute('href', `${api.url}/docs`)
    const [tab] = await Promise.all([context.waitForEvent('page'), docs.click()])
    await tab.waitForLoadState('domcontentloaded')
    expect(tab.url()).toBe(`${api.url}/docs`)
    await expect(tab).toHaveTitle(/FastAPI|Swagger|docs/i)
    await tab.close()
    // The wine model has an endpoint too; a model without one has no "Deployed" line.
    await page.goto(new URL('demo/digits', server.url).href)
    await expect(page.getByTestId('model-card')).toBeVisible({ timeout: 30_000 })
    await expect(page.getByTestId('card-deployed')).toHaveCount(0)
  })

  test('deployed, both, local, the curl sent, then the fallback when the service stops', async ({ page }) => {
    const host = new URL(api.url).host
    await page.goto(new URL('demo/disaster-tweets', server.url).href)
    const demo = page.getByTestId('demo')
    await expect(demo.getByRole('radio', { name: 'Deployed' })).toBeChecked()
    // The warm-up ping when the deck opened read /openapi.json: the dot is green with the host.
    await expect(demo.getByTestId('endpoint-status')).toHaveAttribute('data-state', 'up')
    await expect(demo.getByTestId('endpoint-status')).toContainText(host)

    await demo.getByRole('textbox').fill(EARTHQUAKE)
    const answer = demo.getByTestId('deployed-answer')
    await expect(answer).toHaveAttribute('data-source', 'deployed')
    await expect(answer.getByTestId('label-only')).toContainText('disaster')
    await expect(answer.getByTestId('label-only')).toContainText('the API returns a label, no scores')
    await expect(answer).toContainText(`Deployed model · ${host} ·`)
    await expect(answer.getByTestId('agreement')).toContainText('Local model:')

    await demo.getByRole('button', { name: 'curl' }).click()
    const curl = demo.getByTestId('curl')
    await expect(curl).toHaveAttribute('data-target', 'deployed')
    await expect(curl).toContainText(`curl -X POST ${api.url}/inference`)
    await expect(curl).toContainText(`-d '{"statement":"${EARTHQUAKE}"}'`)

    await demo.getByText('Both', { exact: true }).click()
    const both = demo.getByTestId('both')
    await expect(both.getByTestId('both-deployed').getByTestId('label-only')).toContainText('disaster')
    await expect(both.getByTestId('both-local').getByTestId('prediction-bars')).toBeVisible()
    await expect(both.getByTestId('agreement')).toContainText(/Same top label|Different answers/)

    await demo.getByText('Local', { exact: true }).click()
    await expect(demo.getByTestId('both')).toHaveCount(0)
    await expect(demo.getByTestId('prediction-bars')).toBeVisible()
    await expect(curl).toHaveAttribute('data-target', 'local')

    // Pull the plug: the next keystroke is answered by the local model, saying so, well within the timeout.
    await api.stop()
    await demo.getByText('Deployed', { exact: true }).click()
    await demo.getByRole('textbox').fill(`${EARTHQUAKE}!`)
    // The full-screen demo says calmly which model answered (on a slide, the reason is the presenter's: talk-ready.spec.ts).
    await expect(demo.getByTestId('source-label')).toHaveText('Local model · deployed endpoint unreachable', { timeout: 5000 })
    await expect(demo.getByTestId('prediction-bars')).toBeVisible()
    await expect(demo.getByTestId('endpoint-status')).toHaveAttribute('data-state', 'down')
    // The audience sees no diagnosis…
    await expect(demo).not.toContainText('refused')

    // …the presenter does.
    const presenter = await page.context().newPage()
    await presenter.goto(new URL('presenter', server.url).href)
    const row = presenter.locator('[data-testid="endpoint-health"][data-model="disaster-tweets"]')
    await expect(row).toHaveAttribute('data-state', 'down')
    await expect(row).toContainText(new RegExp(`${host.replace(/[.]/g, '\\.')} (refused the connection|closed the connection mid-request)`))
    await expect(row.getByRole('button', { name: 'Wake the endpoint' })).toBeVisible()
    await expect(presenter.locator('[data-testid="endpoint-health"][data-model="wine"]')).toBeVisible()
  })
})
