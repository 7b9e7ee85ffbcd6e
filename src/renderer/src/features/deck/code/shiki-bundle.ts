/**
 * The syntax highlighter, loaded on demand as its own chunk (see highlighter.ts).
 *
 * [Note: CSP-safe highlighting]
 * Shiki with its JavaScript regex engine turns the TextMate grammars'
 * Oniguruma patterns into native RegExp objects: no eval, no `new Function`,
 * no WebAssembly (the Oniguruma engine would need 'wasm-unsafe-eval', which our
 * CSP does not allow). Grammars and the theme are bundled, so it works offline.
 * Only the languages ML projects show are included, to keep the chunk small.
 */
import { createHighlighterCoreSync, type HighlighterCore } from '@shikijs/core'
import { createJavaScriptRegexEngine } from '@shikijs/engine-javascript'
import python from '@shikijs/langs/python'
import shellscript from '@shikijs/langs/shellscript'
import shellsession from '@shikijs/langs/shellsession'
import yaml from '@shikijs/langs/yaml'
import json from '@shikijs/langs/json'
import jsonc from '@shikijs/langs/jsonc'
import toml from '@shikijs/langs/toml'
import docker from '@shikijs/langs/docker'
import ini from '@shikijs/langs/ini'
import make from '@shikijs/langs/make'
import diff from '@shikijs/langs/diff'
import sql from '@shikijs/langs/sql'
import typescript from '@shikijs/langs/typescript'
import markdown from '@shikijs/langs/markdown'
import theme from '@shikijs/themes/github-dark-high-contrast'

/** Shiki's theme: high contrast, so colours survive a washed-out projector. */
export const THEME = 'github-dark-high-contrast'

/** Extra names people write after ``` that the grammars do not declare themselves. */
const EXTRA_ALIASES: Record<string, string> = {
  python3: 'python',
  ipython: 'python',
  js: 'typescript',
  javascript: 'typescript',
  jsx: 'typescript',
  tsx: 'typescript',
  mjs: 'typescript',
  'shell-session': 'shellsession',
  terminal: 'shellsession',
  cfg: 'ini',
  conf: 'ini',
  gitignore: 'ini',
  md: 'markdown',
  patch: 'diff',
  postgres: 'sql',
  postgresql: 'sql',
  sqlite: 'sql'
}

/** One coloured piece of a line. */
export interface Token {
  content: string
  color?: string
  /** Bit flags: 1 italic, 2 bold, 4 underline (Shiki's FontStyle). */
  fontStyle?: number
}

export interface Tokenizer {
  /** Tokens per line, or null when the language is not bundled (the block shows plain text). */
  tokenize(code: string, lang: string): Token[][] | null
  /** The theme's text colour and background. */
  readonly colors: { fg: string; bg: string }
}

/** Builds the highlighter once (grammars compile lazily, per language, on first use). */
export function createTokenizer(): Tokenizer {
  const highlighter: HighlighterCore = createHighlighterCoreSync({
    themes: [theme],
    langs: [python, shellscript, shellsession, yaml, json, jsonc, toml, docker, ini, make, diff, sql, typescript, markdown],
    // forgiving: a pattern the converter cannot express is skipped instead of failing the whole grammar.
    engine: createJavaScriptRegexEngine({ forgiving: true })
  })
  const loaded = new Set(highlighter.getLoadedLanguages())
  const resolve = (lang: string): string | null => {
    const name = lang.toLowerCase()
    const alias = EXTRA_ALIASES[name] ?? name
    if (loaded.has(alias)) return alias
    try {
      const resolved = highlighter.resolveLangAlias(alias)
      return loaded.has(resolved) ? resolved : null
    } catch {
      return null
    }
  }
  const resolvedTheme = highlighter.getTheme(THEME)
  return {
    colors: { fg: resolvedTheme.fg, bg: resolvedTheme.bg },
    tokenize(code, lang) {
      const id = resolve(lang)
      if (!id) return null
      return highlighter.codeToTokensBase(code, { lang: id, theme: THEME }).map((line) =>
        line.map((token) => {
          const out: Token = { content: token.content }
          if (token.color) out.color = token.color
          if (token.fontStyle) out.fontStyle = token.fontStyle
          return out
        })
      )
    }
  }
}
