/**
 * `::demo` attributes: the values the slide uses, and what `npm run check` says about the ones it cannot use
 * (a typo in `source` or `timeout` otherwise demos the local model with the default timeout, silently).
 */
import { describe, expect, it } from 'vitest'
import { closest, demoAttributeProblems, parseSource, parseTimeout } from '../../../../src/core/deck/demo-attributes'

describe('the values a slide uses', () => {
  it('reads source and timeout as the demo does', () => {
    expect(parseSource('both')).toBe('both')
    expect(parseSource('remote')).toBeUndefined()
    expect(parseTimeout('4s')).toBe(4000)
    expect(parseTimeout('800ms')).toBe(800)
    expect(parseTimeout('4 sec')).toBeUndefined()
    expect(parseTimeout('2m')).toBeUndefined()
    expect(parseTimeout('90s')).toBeUndefined()
  })
})

describe('what the check says', () => {
  it('says nothing about a demo it can use as written', () => {
    expect(
      demoAttributeProblems(
        { model: 'digits', source: 'both', timeout: '4s', top: '3', example: '2', probe: 'gaussian-noise', 'probe-strength': '0.5' },
        'image-classification'
      )
    ).toEqual([])
    expect(demoAttributeProblems({ model: 'digits', probe: '' }, 'image-classification')).toEqual([])
  })

  it('names a misspelt attribute and what it may have meant', () => {
    const [problem] = demoAttributeProblems({ model: 'm', modle: 'x' })
    expect(problem).toContain('::demo has no attribute "modle" — did you mean "model"?')
    expect(demoAttributeProblems({ model: 'm', colour: 'red' })[0]).not.toContain('did you mean')
  })

  it('names a value the slide would replace by its default, with the values it takes', () => {
    const problems = demoAttributeProblems({ model: 'm', source: 'remote', timeout: '4 sec', top: 'all', example: 'first' })
    expect(problems).toEqual([
      '::demo source="remote" is not deployed, local or both: the demo uses the model\'s default.',
      '::demo timeout="4 sec" is not a time between 100 ms and 60 s (write "4s" or "800ms"): the demo waits the default 3 s.',
      '::demo top="all" is not a whole number from 1 to 100: the demo shows its default.',
      '::demo example="first" is not an example\'s number (0 for the first): the demo starts empty.'
    ])
    expect(demoAttributeProblems({ model: 'm', source: 'deploy' })[0]).toContain('did you mean "deployed"?')
  })

  it("names a probe that is not one of the model's perturbations, once the model is known", () => {
    const [problem] = demoAttributeProblems({ model: 'digits', probe: 'gaussian-nois' }, 'image-classification')
    expect(problem).toContain('probe="gaussian-nois" is not a perturbation for this model — did you mean "gaussian-noise"?')
    expect(demoAttributeProblems({ model: 'digits', probe: 'gaussian-nois' })).toEqual([])
  })

  it('suggests only near words', () => {
    expect(closest('lcoal', ['deployed', 'local', 'both'])).toBe('local')
    expect(closest('cloud', ['deployed', 'local', 'both'])).toBeUndefined()
  })
})
