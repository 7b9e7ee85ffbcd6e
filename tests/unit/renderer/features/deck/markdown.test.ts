import { describe, expect, it } from 'vitest'
import { renderToStaticMarkup } from 'react-dom/server'
import { createElement, Fragment } from 'react'
import { renderMarkdown } from '../../../../../src/renderer/src/features/deck/markdown'

const render = (markdown: string): string =>
  renderToStaticMarkup(createElement(Fragment, null, renderMarkdown(markdown, { components: {}, assetBase: '/deck-files/' })))

describe('renderMarkdown applies only allow-listed .element attributes', () => {
  it('renders the slide when a comment asks for dangerouslySetInnerHTML, ref or event handlers', () => {
    const html = render(
      '# Title\n\nEvery word stays <!-- .element: dangerouslySetInnerHTML="<img src=x onerror=alert(1)>" ref="r" onclick="alert(1)" class="fragment" -->\n'
    )
    expect(html).toMatch(/<p class="fragment">Every word stays\s*<\/p>/)
    expect(html).not.toMatch(/onerror|onclick|<img/)
  })

  it('keeps class, id, data-* and safe styles; drops unsafe style declarations', () => {
    const html = render(
      '- point <!-- .element: class="fragment" data-fragment-index="2" id="p1" style="color: red; position: fixed; background: url(http://x/y.png)" -->\n'
    )
    expect(html).toContain('class="fragment"')
    expect(html).toContain('data-fragment-index="2"')
    expect(html).toContain('id="p1"')
    expect(html).toContain('style="color:red"')
    expect(html).not.toMatch(/position|url\(/)
  })
})
