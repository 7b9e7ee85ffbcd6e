import { describe, expect, it } from 'vitest'
import { join, resolve } from 'node:path'
import { backupTargets } from '../../../../src/host/preflight/backup-targets'
import { createHost } from '../../../../src/host/create-host'
import { forkSourceWorker } from '../../../../src/host/models/node-worker'

const repoRoot = resolve(__dirname, '../../../..')

describe('deck:export', () => {
  it('writes into exports/ and reports/figures/ of the deck, all four unless some are named', () => {
    expect(backupTargets('/d/my-exam', {})).toEqual({
      pdf: join('/d/my-exam', 'exports', 'my-exam.pdf'),
      notes: join('/d/my-exam', 'exports', 'my-exam-notes.pdf'),
      html: join('/d/my-exam', 'exports', 'my-exam.html'),
      figures: join('/d/my-exam', 'reports', 'figures')
    })
    expect(backupTargets('/d/my-exam', { pdf: true })).toEqual({ pdf: join('/d/my-exam', 'exports', 'my-exam.pdf') })
  })

  it('a host that cannot print says how to make the backups instead', async () => {
    const host = createHost({ deckRoot: repoRoot, spawnWorker: () => forkSourceWorker(), emit: () => undefined, watch: false })
    try {
      await expect(host.dispatch('deck:export', {})).rejects.toThrow(/npm run export -- --deck/)
    } finally {
      host.dispose()
    }
  })

  it('hands the targets and the deck to the host’s exporter', async () => {
    let seen: unknown
    const host = createHost({
      deckRoot: repoRoot,
      spawnWorker: () => forkSourceWorker(),
      emit: () => undefined,
      watch: false,
      exportBackups: async (targets, deck) => {
        seen = { targets, title: deck.title }
        return { files: [], warnings: [], seconds: 0 }
      }
    })
    try {
      await host.dispatch('deck:export', { html: true })
      expect(seen).toEqual({
        targets: { html: join(repoRoot, 'exports', `${repoRoot.split(/[\\/]/).pop()}.html`) },
        title: 'Spotting disasters in tweets'
      })
    } finally {
      host.dispose()
    }
  })
})
