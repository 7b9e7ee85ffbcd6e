/**
 * The project files a deck shows, read by the host from real folders: a
 * project repository with the deck inside it, a .gitignore, symlinks leading
 * out, secrets, huge and binary files.
 */
import { copyFileSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ApiError } from '../../../../src/shared/api'
import { MAX_CODE_LINES, MAX_PROJECT_FILE_BYTES, ProjectService } from '../../../../src/host/project/project-service'
import { findProjectRoot } from '../../../../src/host/project/project-paths'

let dir: string
let project: string
let deck: string
let service: ProjectService

function write(path: string, text: string | Buffer): void {
  mkdirSync(join(path, '..'), { recursive: true })
  writeFileSync(path, text)
}

const TRAIN = Array.from({ length: 60 }, (_, i) => `line_${i + 1} = ${i + 1}`).join('\n') + '\n'

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'demodeck-project-'))
  project = join(dir, 'tweets')
  deck = join(project, 'presentation')
  mkdirSync(join(project, '.git'), { recursive: true })
  write(join(project, '.git', 'config'), '[core]\n')
  copyFileSync(join(__dirname, '../../../fixtures/project/README.md'), join(project, 'README.md'))
  write(join(project, 'src', 'tweets', 'train.py'), TRAIN)
  write(join(project, 'src', 'tweets', 'model.py'), 'import torch\n')
  write(join(project, 'src', 'tweets', '__pycache__', 'model.cpython-311.pyc'), Buffer.from([0, 1, 2]))
  write(join(project, 'tests', 'test_model.py'), 'def test(): pass\n')
  write(join(project, 'data', 'raw', 'train.csv'), 'id,text\n')
  write(join(project, 'models', 'model.pt'), 'x')
  write(join(project, 'models', '.gitkeep'), '')
  write(join(project, 'notebooks', 'explore.ipynb'), '{}')
  write(join(project, '.env'), 'WANDB_API_KEY=secret\n')
  write(join(project, '.gitignore'), '__pycache__/\ndata/\n*.pt\n.env\nnotebooks/*\n!notebooks/keep.ipynb\n')
  write(join(project, 'notebooks', 'keep.ipynb'), '{}')
  write(join(project, 'src', '.gitignore'), 'tweets/model.py\n')
  write(join(deck, 'slides', 'deck.md'), '# Deck\n')
  write(join(dir, 'outside.txt'), 'not part of the project\n')
  service = new ProjectService(deck, { watch: false })
})

afterEach(() => {
  service.dispose()
  rmSync(dir, { recursive: true, force: true })
})

async function failure(run: () => unknown): Promise<ApiError> {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError)
    return error as ApiError
  }
  throw new Error('expected a failure')
}

describe('the project root', () => {
  it('is the git repository holding the deck, else the folder above the deck', () => {
    expect(findProjectRoot(deck)).toBe(project)
    const loose = join(dir, 'loose', 'deck')
    mkdirSync(loose, { recursive: true })
    expect(findProjectRoot(loose)).toBe(join(dir, 'loose'))
  })
})

describe('::checklist', () => {
  it("reads the project's README relative to the deck folder", () => {
    const checklist = service.checklist('../README.md')
    expect(checklist.file).toBe('../README.md')
    expect(checklist.groups.map((g) => g.heading)).toEqual(['Week 1', 'Week 2', 'Week 3', 'Extra'])
    expect([checklist.done, checklist.total]).toEqual([10, 16])
  })

  it('gives a clear reason for a missing file, a folder, a path outside the project and a secret', async () => {
    expect((await failure(() => service.checklist('../READ_ME.md'))).message).toMatch(
      /READ_ME\.md does not exist \(paths are relative to the deck folder/
    )
    expect((await failure(() => service.checklist('../src'))).message).toContain('is a folder')
    const outside = await failure(() => service.checklist('../../outside.txt'))
    expect(outside.code).toBe('bad_request')
    expect(outside.message).toContain('outside the project')
    expect((await failure(() => service.checklist('/etc/passwd'))).message).toContain('absolute path')
    expect((await failure(() => service.checklist('../.env'))).message).toContain('secrets file')
    expect((await failure(() => service.checklist('../.git/config'))).message).toContain('.git')
  })

  it('does not follow a symlink that leads out of the project, or to a secret', async () => {
    symlinkSync(join(dir, 'outside.txt'), join(project, 'docs-link.md'))
    symlinkSync(join(project, '.env'), join(project, 'innocent.md'))
    expect((await failure(() => service.checklist('../docs-link.md'))).message).toMatch(/is a link to .*outside the project/)
    expect((await failure(() => service.checklist('../innocent.md'))).message).toContain('secrets file (.env)')
  })

  it('does not follow a link into .git (the remote URL there can carry a token), in any case', async () => {
    write(join(project, '.git', 'config'), '[remote "origin"]\n\turl = https://x-access-token:ghp_abc123@github.com/me/tweets.git\n')
    symlinkSync('../.git/config', join(deck, 'gitconfig.txt'))
    symlinkSync('../.git', join(deck, 'gitdir'))
    const link = await failure(() => service.code('gitconfig.txt'))
    expect(link.message).toBe(`src="gitconfig.txt" leads into .git (${join('.git', 'config')}): demodeck does not show git's own files.`)
    expect((await failure(() => service.code('gitdir/config'))).message).toContain('.git')
    expect((await failure(() => service.code('../.GIT/config'))).message).toContain("is inside .git: demodeck does not show git's own files")
  })

  it('refuses a huge file and a binary file', async () => {
    write(join(project, 'huge.md'), Buffer.alloc(MAX_PROJECT_FILE_BYTES + 10, 0x61))
    const huge = await failure(() => service.checklist('../huge.md'))
    expect(huge.code).toBe('too_large')
    expect(huge.message).toMatch(/huge\.md is 1\.0 MB; demodeck shows files up to 1 MB/)
    expect((await failure(() => service.checklist('../src/tweets/__pycache__/model.cpython-311.pyc'))).message).toContain('binary')
  })

  it('returns no groups for a markdown file without task lists (the slide says so)', () => {
    write(join(project, 'docs', 'plain.md'), '# Notes\n\n- just a list\n')
    expect(service.checklist('../docs/plain.md')).toMatchObject({ groups: [], total: 0 })
  })
})

describe('::code', () => {
  it('cuts the requested lines and names the language', () => {
    const code = service.code('../src/tweets/train.py', '12-14')
    expect(code).toEqual({
      file: '../src/tweets/train.py',
      text: 'line_12 = 12\nline_13 = 13\nline_14 = 14',
      from: 12,
      to: 14,
      totalLines: 60,
      omittedLines: 0,
      language: 'python'
    })
    expect(service.code('../src/tweets/train.py').to).toBe(60)
  })

  it('refuses a range past the end, and caps a long one', async () => {
    const past = await failure(() => service.code('../src/tweets/train.py', '70-80'))
    expect(past.code).toBe('unprocessable')
    expect(past.message).toContain('has 60 lines')
    const long = Array.from({ length: MAX_CODE_LINES + 50 }, (_, i) => `x = ${i}`).join('\n')
    write(join(project, 'long.py'), long)
    const cut = service.code('../long.py')
    expect(cut.to - cut.from + 1).toBe(MAX_CODE_LINES)
    expect(cut.omittedLines).toBe(50)
  })
})

describe('::tree', () => {
  it('lists folders first, respects every .gitignore (negations too) and hides .git', () => {
    const tree = service.tree('..', 3)
    const lines = tree.entries.map(
      (e) => `${'  '.repeat(e.depth)}${e.name}${e.dir ? '/' : ''}${e.collapsed !== undefined ? ` (${e.collapsed})` : ''}`
    )
    expect(lines).toEqual([
      'models/',
      '  .gitkeep',
      'notebooks/',
      '  keep.ipynb',
      'presentation/',
      '  slides/',
      '    deck.md',
      'src/',
      '  tweets/',
      '    train.py',
      '  .gitignore',
      'tests/',
      '  test_model.py',
      '.gitignore',
      'README.md'
    ])
    expect(tree.name).toBe('tweets')
    expect(tree.ignored).toBeGreaterThanOrEqual(6) // __pycache__, data, model.pt, .env, explore.ipynb, model.py
  })

  it('respects .gitignore when the deck folder is reached through a symlink (macOS: /tmp and /var are links)', () => {
    const via = join(dir, 'via-link')
    symlinkSync(project, via)
    const linked = new ProjectService(join(via, 'presentation'), { watch: false })
    try {
      expect(linked.projectRoot).toBe(realpathSync(project))
      const names = linked.tree('..', 1).entries.map((e) => e.name)
      expect(names).toEqual(['models', 'notebooks', 'presentation', 'src', 'tests', '.gitignore', 'README.md'])
      expect(linked.code('../src/tweets/train.py').from).toBe(1)
    } finally {
      linked.dispose()
    }
  })

  it('collapses folders past the depth to a count and caps the entries', () => {
    const shallow = service.tree('..', 1)
    expect(shallow.entries.every((e) => e.depth === 0)).toBe(true)
    expect(shallow.entries.find((e) => e.name === 'src')).toMatchObject({ dir: true, collapsed: 2 })
    const capped = service.tree('..', 3, 4)
    expect(capped.entries).toHaveLength(4)
    expect(capped.omitted).toBe(5) // the top-level entries after the cap: presentation, src, tests, .gitignore, README.md
  })

  it('says when src is a file or missing, and applies the parent .gitignore to a sub-folder', async () => {
    expect((await failure(() => service.tree('../README.md'))).message).toContain('is not a folder')
    expect((await failure(() => service.tree('../nope'))).code).toBe('not_found')
    const src = service.tree('../src', 2)
    expect(src.entries.map((e) => e.name)).toEqual(['tweets', 'train.py', '.gitignore'])
  })
})

describe('watching', () => {
  it('reports a changed file by the path the deck used', async () => {
    const changed: string[][] = []
    const watching = new ProjectService(deck, { onChange: (files) => changed.push(files) })
    try {
      watching.code('../src/tweets/train.py', '1-2')
      // The watcher takes its first look asynchronously: keep saving until it has seen a change.
      let saves = 0
      await expect
        .poll(
          () => {
            write(join(project, 'src', 'tweets', 'train.py'), `changed = ${++saves}\n` + TRAIN)
            return changed.length
          },
          { timeout: 15_000 }
        )
        .toBeGreaterThan(0)
      expect(changed[0]).toEqual(['../src/tweets/train.py'])
    } finally {
      watching.dispose()
    }
  })
})
