/**
 * The project behind the deck, in real Chromium against a real browser-mode
 * server: a project repository (README with the course checklist, source,
 * .gitignore) holding its deck in presentation/; links opened with one key
 * (a loopback server stands in for GitHub, so no test leaves this machine),
 * a link sent to the audience, the Q&A view, and every bad path as a notice.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, removeDir, repoRoot, startServer, test, type DeckServer } from './fixtures'
import { openAtSlide } from './settle'

let dir: string
let project: string
let server: DeckServer
let external: Server
let externalUrl: string
const externalHits: string[] = []

function write(path: string, text: string | Buffer): void {
  mkdirSync(join(path, '..'), { recursive: true })
  writeFileSync(path, text)
}

const TRAIN = [
  'import torch',
  '',
  'def train(model, batches):',
  '    for batch in batches:',
  '        loss = model(batch)',
  '        loss.backward()',
  '    return model',
  ''
].join('\n')

test.beforeAll(async () => {
  external = createServer((req, res) => {
    externalHits.push(req.url ?? '')
    res.writeHead(200, { 'content-type': 'text/html' }).end('<title>stand-in</title><h1>stand-in for an external site</h1>')
  })
  await new Promise<void>((done) => external.listen(0, '127.0.0.1', done))
  externalUrl = `http://127.0.0.1:${(external.address() as AddressInfo).port}`

  dir = mkdtempSync(join(tmpdir(), 'demodeck-project-e2e-'))
  project = join(dir, 'tweets')
  mkdirSync(join(project, '.git'), { recursive: true })
  copyFileSync(join(repoRoot, 'tests/fixtures/project/README.md'), join(project, 'README.md'))
  write(join(project, 'src', 'tweets', 'train.py'), TRAIN)
  write(join(project, 'src', 'tweets', '__pycache__', 'train.cpython-311.pyc'), Buffer.from([0, 1]))
  write(join(project, 'data', 'raw', 'tweets.csv'), 'id,text\n')
  write(join(project, 'tests', 'test_train.py'), 'def test(): pass\n')
  write(join(project, '.gitignore'), '__pycache__/\ndata/\nhuge.md\n')
  write(join(project, 'huge.md'), Buffer.alloc(1024 * 1024 + 1, 0x2d))
  write(join(dir, 'outside.md'), '- [x] not in the project\n')
  write(
    join(project, 'presentation', 'slides', 'deck.md'),
    `---
title: Tweets
links:
  - label: Repository
    url: ${externalUrl}/repo
  - label: API docs
    url: ${externalUrl}/docs
  - label: Sneaky
    url: javascript:alert(1)
---

# Checklist

::checklist{src="../README.md"}

---

# Code

::code{src="../src/tweets/train.py" lines="3-6" highlight="3|4-6"}

---

# Tree

::tree{src=".." depth="2"}

---

# Problems

::checklist{src="../MISSING.md"}

::code{src="../src/tweets/train.py" lines="90-99"}

::checklist{src="../../outside.md"}

::checklist{src="../huge.md"}

::tree{src="../README.md"}
`
  )
  server = await startServer(join(project, 'presentation'))
})

test.afterAll(async () => {
  await server?.stop()
  await new Promise<void>((done) => external.close(() => done()))
  removeDir(dir)
})

const present = (page: Page) => page.locator('.reveal .slides > section.present')

async function openAudience(page: Page): Promise<void> {
  await page.goto(server.url)
  await expect(page.getByTestId('audience')).toHaveAttribute('data-synced', 'true')
}

/** Opens the deck on the slide titled `title`: see [Note: reach a slide through the host] in settle.ts. */
async function goToSlide(page: Page, title: string): Promise<void> {
  await openAtSlide(page, server, title)
}

test("::checklist shows the README's task lists per week, ticked, counted, with evidence links", async ({ page }) => {
  await openAudience(page)
  await page.keyboard.press('Home')
  const checklist = present(page).getByTestId('checklist')
  await expect(checklist.getByTestId('checklist-group')).toHaveCount(4)
  await expect(checklist.locator('h3 .dd-checklist-heading')).toHaveText(['Week 1', 'Week 2', 'Week 3', 'Extra'])
  await expect(checklist.getByTestId('checklist-count')).toHaveText(['6/8', '3/4', '0/2', '1/2'])
  await expect(checklist.getByTestId('checklist-summary')).toContainText('10 of 16 done')
  await expect(checklist.locator('li[data-checked="true"]')).toHaveCount(10)
  const ci = checklist.getByRole('link', { name: 'CI run' })
  await expect(ci).toHaveAttribute('href', 'https://github.com/example/tweets/actions/runs/123')
  await expect(checklist.locator('.dd-checklist-module').first()).toHaveText('M5')
  // The nested task sits indented under its parent.
  const nested = checklist.locator('li', { hasText: 'log sample predictions' })
  await expect(nested).toHaveAttribute('data-checked', 'false')
  expect(await nested.evaluate((el) => parseFloat(getComputedStyle(el).paddingLeft))).toBeGreaterThan(0)
})

test('::code shows the lines of the file, numbered as in the file, steps through highlights and follows edits', async ({ page }) => {
  await goToSlide(page, 'Code')
  const block = present(page).getByTestId('code-block')
  await expect(block).toHaveAttribute('data-highlighted', 'true')
  await expect(block.locator('.dd-code-line')).toHaveCount(4)
  await expect(block.locator('.dd-code-line').first()).toHaveAttribute('data-line', '3')
  await expect(present(page).getByTestId('project-code')).toContainText('lines 3–6 of 7')
  await expect(block.locator('.dd-code-lit')).toHaveAttribute('data-line', '3')
  await page.keyboard.press('ArrowRight')
  await expect(block.locator('.dd-code-lit')).toHaveCount(3)
  // Saving the file updates the slide.
  write(join(project, 'src', 'tweets', 'train.py'), TRAIN.replace('def train(model, batches):', 'def train_model(model, batches):'))
  await expect(block).toContainText('def train_model(model, batches):')
})

test('::tree lists the project without what .gitignore ignores', async ({ page }) => {
  await goToSlide(page, 'Tree')
  const tree = present(page).getByTestId('tree')
  await expect(tree.locator('.dd-tree-root')).toHaveText('tweets/')
  const names = await tree.locator('.dd-tree-name').allTextContents()
  expect(names).toEqual(['presentation/', 'slides/', 'src/', 'tweets/', 'tests/', 'test_train.py', '.gitignore', 'README.md'])
  await expect(tree.getByTestId('tree-entry').filter({ hasText: 'tweets/' })).toContainText('… 1 item')
  await expect(tree.getByTestId('tree-footnote')).toContainText('ignored by .gitignore')
})

test('a missing file, a bad range, a path out of the project, a huge file and a file for ::tree each give a notice', async ({ page }) => {
  await openAudience(page)
  await page.keyboard.press('End')
  const notices = present(page).getByTestId('project-notice')
  await expect(notices).toHaveCount(5)
  await expect(notices.nth(0)).toContainText('MISSING.md does not exist')
  await expect(notices.nth(1)).toContainText('starts after the end of the file')
  await expect(notices.nth(2)).toContainText('outside the project')
  await expect(notices.nth(3)).toContainText('demodeck shows files up to 1 MB')
  await expect(notices.nth(4)).toContainText('is not a folder')
  // What the author must fix is the speaker's: the audience screen hides it (rehearsal mode shows it).
  for (let i = 0; i < 5; i++) await expect(notices.nth(i)).toBeHidden()
  // The audience reads a calm line in each place instead of an empty box.
  const calm = present(page).getByTestId('project-unavailable')
  await expect(calm).toHaveCount(5)
  for (let i = 0; i < 5; i++) await expect(calm.nth(i)).toBeVisible()
  await expect(calm.nth(0)).toHaveText('The project checklist is not available right now.')
  await expect(calm.nth(4)).toHaveText('The project layout is not available right now.')
})

test('the presenter opens a link with one key, sends one to the audience, and the Q&A view jumps back to any slide', async ({ context }) => {
  const audience = await context.newPage()
  await openAudience(audience)
  const presenter = await context.newPage()
  await presenter.goto(`${server.url}presenter`)
  await expect(presenter.getByTestId('presenter')).toHaveAttribute('data-synced', 'true')
  const links = presenter.getByTestId('project-links')
  await expect(links.getByRole('button', { name: '1 Repository' })).toBeVisible()
  // The javascript: link never became a button; the problems list says why.
  await expect(links.getByRole('button', { name: /Sneaky/ })).toHaveCount(0)
  await expect(presenter.getByText(/"Sneaky".*only http:\/\/ and https:\/\//)).toBeAttached()

  // Key 1 opens the repository in a new tab (browser mode); the "site" really got the request.
  const opened = context.waitForEvent('page')
  await presenter.keyboard.press('1')
  const tab = await opened
  await expect.poll(() => tab.url()).toBe(`${externalUrl}/repo`)
  await expect.poll(() => externalHits).toContain('/repo')
  await tab.close()

  // Shift+2 shows the API docs link on the audience screen; again hides it.
  await expect(audience.getByTestId('audience-link')).toHaveCount(0)
  await presenter.keyboard.press('Shift+Digit2')
  await expect(audience.getByTestId('audience-link')).toContainText('API docs')
  await expect(audience.getByTestId('audience-link')).toContainText(`${externalUrl}/docs`)
  await presenter.keyboard.press('Shift+Digit2')
  await expect(audience.getByTestId('audience-link')).toHaveCount(0)

  // After the last slide, "next" starts the Q&A and the presenter shows the Q&A view.
  await presenter.keyboard.press('End')
  await expect(presenter.getByTestId('slide-counter')).toHaveText('Slide 4 / 4')
  await expect(presenter.getByTestId('qa-view')).toHaveCount(0)
  await presenter.keyboard.press('ArrowRight')
  const qa = presenter.getByTestId('qa-view')
  await expect(qa).toBeVisible()
  await expect(qa.getByTestId('qa-slide')).toHaveCount(4)
  await expect(qa.getByTestId('qa-view-remaining')).toContainText(/\d+:\d\d/)
  await expect(qa.getByRole('button', { name: /API docs/ })).toBeVisible()
  // "S" is the second tile's key: both windows go back to the Code slide.
  await expect(qa.getByTestId('qa-slide').nth(1)).toContainText('S')
  await presenter.keyboard.press('s')
  await expect(presenter.getByTestId('slide-counter')).toHaveText('Slide 2 / 4')
  await expect(present(audience).locator('h1')).toHaveText('Code')
  await expect(qa.getByTestId('qa-slide').nth(1)).toHaveAttribute('aria-current', 'true')
  await expect(qa).toBeVisible()
})
