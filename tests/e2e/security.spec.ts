/**
 * Browser mode against a real attacker page in real Chromium: a second
 * loopback server on another port (same site, other origin) and one on
 * `localhost` (another site) serve a page that tries every request a page can
 * send without asking — fetch no-cors with a text/plain "JSON" body, a body-less
 * POST with the fields in the query, HTML form posts, a WebSocket — and the
 * talk must not move. Our own page still drives it. Also: a symlinked slide
 * image that points outside the deck never reaches the page.
 */
import { createServer, type Server } from 'node:http'
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, removeDir, startServer, test, type DeckServer } from './fixtures'

const DECK = [
  '---',
  'title: Target deck',
  '---',
  '# One',
  '![plot](plot.png)',
  '',
  '![leak](leak.png)',
  '---',
  '# Two',
  '---',
  '# Three',
  '---',
  '# Four',
  ''
].join('\n')
// 1×1 transparent PNG.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex'
)

/** The attacker's page: each attempt records whether the request left the browser and got an answer. */
function attackerPage(target: string): string {
  const formJson = `{"origin":"evil","slide":3,"blackout":true,"x":"`
  return `<!doctype html><meta charset="utf-8"><title>cute cats</title><body><iframe name="sink"></iframe><script>
const target = ${JSON.stringify(target)};
const state = (window.attack = { done: false, log: {} });
const delivered = (name, promise) => promise.then(() => (state.log[name] = 'answered'), (e) => (state.log[name] = 'failed: ' + e));
function post(enctype, fields) {
  return new Promise((resolve) => {
    const frame = document.querySelector('iframe');
    frame.onload = () => resolve();
    const form = document.createElement('form');
    form.method = 'POST';
    form.action = target + 'api/sync';
    form.enctype = enctype;
    form.target = 'sink';
    for (const [name, value] of fields) {
      const input = document.createElement('input');
      input.name = name;
      input.value = value;
      form.appendChild(input);
    }
    document.body.appendChild(form);
    form.submit();
  });
}
(async () => {
  const body = JSON.stringify({ origin: 'evil', slide: 3, blackout: true });
  await delivered('no-cors text/plain', fetch(target + 'api/sync', { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain; charset=application/json' }, body }));
  await delivered('no-cors body-less', fetch(target + 'api/sync?origin=evil&slide=3&blackout=true', { method: 'POST', mode: 'no-cors' }));
  await delivered('no-cors parity', fetch(target + 'api/models/none/parity', { method: 'POST', mode: 'no-cors' }));
  await delivered('no-cors wandb sync', fetch(target + 'api/wandb/sync', { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ path: 'e/p/r' }) }));
  await delivered('form text/plain', post('text/plain', [[${JSON.stringify(formJson)}, '"}']]));
  await delivered('form urlencoded', post('application/x-www-form-urlencoded', [['origin', 'evil'], ['slide', '3']]));
  state.log.websocket = await new Promise((resolve) => {
    const socket = new WebSocket(target.replace(/^http/, 'ws') + 'api/ws');
    socket.onopen = () => { socket.send(JSON.stringify({ id: 1, channel: 'sync:update', payload: { origin: 'evil', slide: 3, blackout: true } })); resolve('opened'); };
    socket.onerror = () => resolve('refused');
  });
  state.done = true;
})();
</script>`
}

let target: DeckServer
let deck: string
let outside: string
const attackers: Server[] = []

async function serveAttacker(host: string): Promise<string> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(attackerPage(target.url))
  })
  attackers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  return `http://${host}:${typeof address === 'object' && address ? address.port : 0}/`
}

test.beforeAll(async () => {
  deck = mkdtempSync(join(tmpdir(), 'dd-target-'))
  outside = mkdtempSync(join(tmpdir(), 'dd-outside-'))
  mkdirSync(join(deck, 'slides'))
  writeFileSync(join(deck, 'slides', 'deck.md'), DECK)
  writeFileSync(join(deck, 'slides', 'plot.png'), PNG)
  writeFileSync(join(outside, 'private.png'), PNG)
  symlinkSync(join(outside, 'private.png'), join(deck, 'slides', 'leak.png'))
  target = await startServer(deck)
})

test.afterAll(async () => {
  await target.stop()
  for (const server of attackers) server.close()
  removeDir(deck)
  removeDir(outside)
})

const syncState = async (): Promise<{ slide: number; blackout: boolean }> => (await fetch(new URL('api/sync', target.url))).json()

for (const host of ['127.0.0.1', 'localhost']) {
  test(`a page on ${host === '127.0.0.1' ? 'another loopback port (same site)' : 'localhost (another site)'} cannot move the talk, black it out or start anything`, async ({
    page
  }) => {
    const url = await serveAttacker(host)
    await page.goto(url)
    await page.waitForFunction(() => (window as unknown as { attack: { done: boolean } }).attack.done)
    const log = await page.evaluate(() => (window as unknown as { attack: { log: Record<string, string> } }).attack.log)
    // Every request reached the server (the attempts were real), and none changed a thing.
    expect(log).toEqual({
      'no-cors text/plain': 'answered',
      'no-cors body-less': 'answered',
      'no-cors parity': 'answered',
      'no-cors wandb sync': 'answered',
      'form text/plain': 'answered',
      'form urlencoded': 'answered',
      websocket: 'refused'
    })
    expect(await syncState()).toMatchObject({ slide: 0, blackout: false })
    expect(target.output()).not.toMatch(/wandb|e\/p\/r/i)
  })
}

test('our own page still drives the talk, over the socket and over plain HTTP', async ({ page }) => {
  await page.goto(target.url)
  await expect(page.locator('.reveal .slides section.present h1').first()).toHaveText('One')
  await expect(page.getByTestId('audience')).toHaveAttribute('data-synced', 'true')
  await page.keyboard.press('ArrowRight')
  await expect.poll(async () => (await syncState()).slide).toBe(1)
  const status = await page.evaluate(async () => {
    const response = await fetch('/api/sync', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ origin: 'own-page', slide: 0 })
    })
    return response.status
  })
  expect(status).toBe(200)
  await expect(page.locator('.reveal .slides section.present h1').first()).toHaveText('One')
})

test('a slide image symlinked to a file outside the deck is not served; the deck own image is', async ({ page }) => {
  await page.goto(target.url)
  const images = page.locator('.reveal .slides section').first().locator('img')
  await expect(images).toHaveCount(2)
  await expect.poll(() => images.nth(0).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1)
  await expect.poll(() => images.nth(1).evaluate((img: HTMLImageElement) => img.complete)).toBe(true)
  expect(await images.nth(1).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(0)
  const direct = await fetch(new URL('deck-files/slides/leak.png', target.url))
  expect(direct.status).toBe(404)
})
