/**
 * The label an example stands for, read from its name ("a 3", "a Barolo (held-out
 * row 14)", "mixtape (not a disaster)"). One reading for every feature that
 * scores examples against the truth: the robustness probe's accuracy curve and
 * the drift check's and model A/B's accuracy use the same labelled examples.
 */

const norm = (text: string): string => text.trim().toLowerCase()

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Labels named in `text` as whole words (not "1" inside "14"), longest first; null when two different ones tie for longest. */
function longestNamed(text: string, labels: readonly string[]): string | null {
  const named = labels.filter(
    (l) => norm(l) !== '' && new RegExp(`(^|[^\\p{L}\\p{N}])${escape(norm(l))}($|[^\\p{L}\\p{N}])`, 'u').test(text)
  )
  if (named.length === 0) return null
  const longest = Math.max(...named.map((l) => norm(l).length))
  const top = [...new Set(named.filter((l) => norm(l).length === longest))]
  return top.length === 1 ? top[0]! : null
}

/**
 * The model label an example's name stands for, or null when it names none (or two equally well):
 * the label it equals; else, without an article and a trailing remark, the label that is
 * ("a Barolo (held-out row 14)" → "Barolo"); else the remark ("mixtape (not a disaster)" → "not a disaster");
 * else the longest label it contains as whole words ("digit 3" → "3"; "earthquake news" → null).
 */
export function exampleTruth(name: string | undefined, labels: readonly string[]): string | null {
  if (!name) return null
  const text = norm(name)
  if (text === '') return null
  const bare = text
    .replace(/^(a|an|the)\s+/, '')
    .replace(/\s*\([^()]*\)\s*$/, '')
    .trim()
  const remark = /\(([^()]*)\)\s*$/.exec(text)?.[1]?.trim()
  for (const candidate of [text, bare, remark]) {
    const hit = candidate ? labels.find((l) => norm(l) === candidate) : undefined
    if (hit !== undefined) return hit
  }
  return longestNamed(bare, labels) ?? (remark ? longestNamed(remark, labels) : null) ?? longestNamed(text, labels)
}
