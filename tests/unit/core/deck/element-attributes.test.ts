import { describe, expect, it } from 'vitest'
import { droppedElementAttributes, readElementAttributes } from '../../../../src/core/deck/element-attributes'
import { elementAttributeProblems } from '../../../../src/core/deck/element-problems'
import { parseDeck } from '../../../../src/core/deck/parse-deck'

describe('readElementAttributes: an allow-list for <!-- .element: … -->', () => {
  it('keeps class, id, data-* and safe style declarations', () => {
    expect(
      readElementAttributes('class="fragment fade-up" id="intro" data-fragment-index="2" style="color: red; font-size: 40px; margin-top: 1em"')
    ).toEqual({
      properties: {
        className: ['fragment', 'fade-up'],
        id: 'intro',
        'data-fragment-index': '2',
        style: 'color: red; font-size: 40px; margin-top: 1em'
      },
      dropped: []
    })
    expect(readElementAttributes("class='fragment'").properties).toEqual({ className: ['fragment'] })
  })

  it('drops what React treats specially or what runs code, and says what', () => {
    const { properties, dropped } = readElementAttributes(
      'dangerouslySetInnerHTML="<img src=x>" ref="x" onclick="alert(1)" onMouseOver="x" href="javascript:alert(1)" class="fragment"'
    )
    expect(properties).toEqual({ className: ['fragment'] })
    expect(dropped).toEqual(['dangerouslySetInnerHTML', 'ref', 'onclick', 'onMouseOver', 'href'])
  })

  it('drops style properties outside the list and values that load or escape', () => {
    const { properties, dropped } = readElementAttributes(
      'style="color: blue; position: fixed; background: url(https://tracker.example/p.png); width: expression(alert(1)); behavior: url(x.htc); font-weight: bold; content: \'\\41\'"'
    )
    expect(properties).toEqual({ style: 'color: blue; font-weight: bold' })
    expect(dropped).toEqual(['style: position', 'style: background', 'style: width', 'style: behavior', 'style: content'])
    expect(readElementAttributes('style="position: absolute"').properties).toEqual({})
  })

  it('drops an id that is not a plain name', () => {
    expect(readElementAttributes('id="a b"')).toEqual({ properties: {}, dropped: ['id="a b"'] })
  })
})

describe('the deck reports dropped attributes instead of a blank slide', () => {
  it('one warning per slide, naming what was ignored and what is allowed', () => {
    const deck = parseDeck([
      {
        path: 'slides/deck.md',
        text: '# One\n\nText <!-- .element: dangerouslySetInnerHTML="x" ref="r" -->\n\n---\n\n# Two\n\n- a <!-- .element: class="fragment" -->\n\nNote:\nnotes <!-- .element: onclick="x" -->\n'
      }
    ])
    expect(droppedElementAttributes(deck.slides[0]!.markdown)).toEqual(['dangerouslySetInnerHTML', 'ref'])
    const problems = elementAttributeProblems(deck.slides)
    expect(problems).toHaveLength(2)
    expect(problems[0]).toMatchObject({ code: 'deck/element-attribute-dropped', slide: 0, file: 'slides/deck.md' })
    expect(problems[0]!.message).toMatch(/^Slide 1: .*"dangerouslySetInnerHTML", "ref".*class, id, data-\* and style/)
    expect(problems[1]!.message).toMatch(/^Slide 2: .*"onclick"/)
  })
})
