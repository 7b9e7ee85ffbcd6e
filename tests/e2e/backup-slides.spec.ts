/**
 * Q&A backup slides (`<!-- backup -->`), as the speaker and the examiners see
 * them on the example deck: the talk ends on the use case ("Next" there starts
 * the Q&A, it never slides on into the backups), the presenter numbers the
 * backups apart, and the backups show the fp32-vs-int8 A/B demo and the drift
 * report live.
 */
import { expect, test } from './fixtures'

const currentTitle = (page: import('@playwright/test').Page) => page.locator('.reveal .slides section.present h1').first()
const present = (page: import('@playwright/test').Page) => page.locator('.reveal .slides > section.present')

test('Next on the use case starts the Q&A and stays; the backups follow, numbered apart, with the A/B and the drift report', async ({
  context,
  server
}) => {
  const audience = await context.newPage()
  await audience.goto(server.url)
  await expect(audience.getByTestId('audience')).toHaveAttribute('data-synced', 'true')
  const presenter = await context.newPage()
  await presenter.goto(`${server.url}presenter`)
  const counter = presenter.getByTestId('slide-counter')
  await expect(presenter.getByTestId('presenter')).toHaveAttribute('data-synced', 'true')

  // End goes to the talk's last slide, not to the last backup.
  await audience.keyboard.press('End')
  await expect(currentTitle(audience)).toContainText(/use case/i)
  await expect(counter).toHaveText('Slide 6 / 6')
  await expect(presenter.getByTestId('preview-next')).toContainText('Q&A next')
  await expect(presenter.getByTestId('qa-clock')).toContainText('Next ▶ on the last slide starts Q&A')

  // The first "next" starts the Q&A and stays on the use case.
  await audience.keyboard.press('ArrowRight')
  await expect(presenter.getByTestId('timer-status')).toHaveText('paused')
  await expect(presenter.getByTestId('qa-clock')).toContainText('questions running')
  await expect(counter).toHaveText('Slide 6 / 6')
  await expect(currentTitle(audience)).toContainText(/use case/i)

  // The next one opens the first backup: the fp32 and int8 tweets models side by side.
  await audience.keyboard.press('ArrowRight')
  await expect(counter).toHaveText('Backup 1 / 2')
  await expect(currentTitle(audience)).toContainText('Could it be smaller?')
  const ab = present(audience).getByTestId('ab-demo')
  await expect(ab).toContainText('Disaster tweets (int8)')
  await present(audience).getByLabel('Text to classify').fill('Forest fire near La Ronge Sask. Canada')
  await expect(ab.getByTestId('ab-agreement')).toContainText('Same answer')
  await expect(ab.getByTestId('ab-side-b')).toContainText(/3\.6 MiB · \d+(\.\d+)? ms/)
  // One tweet typed once is one answer in the session's tally, however often the models reload.
  await expect(ab.getByTestId('ab-tally')).toContainText('agreed on 1 of 1')

  // The presenter's End goes on to the last backup: the drift report of the wine model.
  await presenter.keyboard.press('End')
  await expect(counter).toHaveText('Backup 2 / 2')
  await expect(present(audience).getByTestId('drift-headline')).toContainText('3 of 13 features drifted')
  // Back from the backups to the talk, one slide at a time.
  await presenter.keyboard.press('ArrowLeft')
  await presenter.keyboard.press('ArrowLeft')
  await expect(counter).toHaveText('Slide 6 / 6')
})
