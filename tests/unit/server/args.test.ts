import { describe, expect, it } from 'vitest'
import { resolve } from 'node:path'
import { ArgsError, DEFAULT_PORT, parseServerArgs } from '../../../src/server/args'

const cwd = resolve('/tmp/demodeck-cwd')

describe('browser-mode command line (util.parseArgs)', () => {
  it('reads --port N and --port=N, --deck DIR and --deck=DIR', () => {
    expect(parseServerArgs(['--port=8080'], cwd)).toEqual({ help: false, deck: cwd, port: 8080 })
    expect(parseServerArgs(['--port', '8080', '--deck', '../exam'], cwd)).toEqual({ help: false, deck: resolve(cwd, '../exam'), port: 8080 })
    expect(parseServerArgs(['--deck=/abs/deck', '--port=0'], cwd)).toEqual({ help: false, deck: '/abs/deck', port: 0 })
    expect(parseServerArgs([], cwd)).toEqual({ help: false, deck: cwd, port: DEFAULT_PORT })
  })

  it('answers --help and -h', () => {
    expect(parseServerArgs(['--help'], cwd)).toEqual({ help: true })
    expect(parseServerArgs(['-h'], cwd)).toEqual({ help: true })
  })

  it('says what is wrong with a bad command line', () => {
    expect(() => parseServerArgs(['--port=80a'], cwd)).toThrow(/--port must be a number from 0 to 65535, got "80a"/)
    expect(() => parseServerArgs(['--port', '70000'], cwd)).toThrow(/0 to 65535/)
    expect(() => parseServerArgs(['--port=-1'], cwd)).toThrow(ArgsError)
    expect(() => parseServerArgs(['--prot', '1'], cwd)).toThrow(/Unknown option '--prot'.*--help/)
    expect(() => parseServerArgs(['--port'], cwd)).toThrow(/--port.*argument/)
    expect(() => parseServerArgs(['deck-folder'], cwd)).toThrow(/--help/)
    expect(() => parseServerArgs(['--deck='], cwd)).toThrow(/--deck needs a folder/)
  })
})
