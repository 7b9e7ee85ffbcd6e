/**
 * Reads the markdown task lists of a README (the course's project checklist:
 * `### Week 1` … `* [X] Use Weights & Biases to log training progress (M14)`)
 * into groups per heading, with ticked counts, nested tasks and links to
 * evidence kept. Pure: markdown text in, data out (the host reads the file).
 */
import { unified } from 'unified'
import remarkParse from 'remark-parse'
import remarkGfm from 'remark-gfm'
import type { List, ListItem, PhrasingContent, Root, RootContent } from 'mdast'
import type { ChecklistGroup, ChecklistItem, ChecklistSegment } from '../../shared/types'

/** Items past this many are left out (a README is not a database). */
export const MAX_CHECKLIST_ITEMS = 400

const parser = unified().use(remarkParse).use(remarkGfm)

/** `(M5)`, `(M2+M6)`, `(M2 + M6)` at the end of an item: the course module the task belongs to. */
const MODULE_TAG = /\s*\((M\d+(?:\s*[+,&/]\s*M\d+)*)\)\s*$/

export interface ParsedChecklist {
  groups: ChecklistGroup[]
  done: number
  total: number
  omitted: number
}

function plainText(nodes: PhrasingContent[]): string {
  return nodes
    .map((node) => {
      if (node.type === 'text' || node.type === 'inlineCode') return node.value
      if (node.type === 'image') return node.alt ?? ''
      if (node.type === 'break') return ' '
      if ('children' in node) return plainText(node.children as PhrasingContent[])
      return ''
    })
    .join('')
}

function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url)
}

/** Flattens inline markdown into text, code and link segments (formatting dropped, links to http(s) kept). */
function toSegments(nodes: PhrasingContent[], out: ChecklistSegment[] = []): ChecklistSegment[] {
  for (const node of nodes) {
    if (node.type === 'text') out.push({ text: node.value })
    else if (node.type === 'inlineCode') out.push({ text: node.value, code: true })
    else if (node.type === 'break') out.push({ text: ' ' })
    else if (node.type === 'link') {
      const text = plainText(node.children).trim() || node.url
      out.push(isWebUrl(node.url) ? { text, href: node.url } : { text })
    } else if (node.type === 'image') {
      // A badge on its own (not inside a link) says little without its picture: keep its alt text.
      if (node.alt) out.push({ text: node.alt })
    } else if ('children' in node) toSegments(node.children as PhrasingContent[], out)
  }
  return out
}

/** Joins neighbouring plain pieces, collapses whitespace (continuation lines) and trims the ends. */
function tidy(segments: ChecklistSegment[]): ChecklistSegment[] {
  const merged: ChecklistSegment[] = []
  for (const segment of segments) {
    const text = segment.code ? segment.text : segment.text.replace(/\s+/g, ' ')
    const last = merged[merged.length - 1]
    if (last && !last.code && !last.href && !segment.code && !segment.href) last.text += text
    else merged.push({ ...segment, text })
  }
  if (merged[0] && !merged[0].code) merged[0].text = merged[0].text.replace(/^\s+/, '')
  const end = merged[merged.length - 1]
  if (end && !end.code) end.text = end.text.replace(/\s+$/, '')
  return merged.filter((segment) => segment.text !== '' || segment.href)
}

function itemFrom(listItem: ListItem, depth: number): ChecklistItem {
  const first = listItem.children.find((child) => child.type === 'paragraph')
  const segments = tidy(toSegments(first && first.type === 'paragraph' ? first.children : []))
  const item: ChecklistItem = { segments, checked: listItem.checked === true, depth }
  const last = segments[segments.length - 1]
  if (last && !last.code && !last.href) {
    const tag = MODULE_TAG.exec(last.text)
    if (tag) {
      item.module = tag[1]!.replace(/\s+/g, '')
      last.text = last.text.slice(0, tag.index)
      if (last.text === '' && segments.length > 1) segments.pop()
    }
  }
  return item
}

/** Parses markdown into checklist groups. Never throws. */
export function parseChecklist(markdown: string): ParsedChecklist {
  let tree: Root
  try {
    tree = parser.parse(markdown)
  } catch {
    return { groups: [], done: 0, total: 0, omitted: 0 }
  }
  const groups: ChecklistGroup[] = []
  const byHeading = new Map<string, ChecklistGroup>()
  let heading = ''
  let count = 0
  let omitted = 0

  const groupFor = (name: string): ChecklistGroup => {
    let group = byHeading.get(name)
    if (!group) {
      group = { heading: name, items: [], done: 0, total: 0 }
      byHeading.set(name, group)
      groups.push(group)
    }
    return group
  }

  const collect = (list: List, depth: number): void => {
    for (const listItem of list.children) {
      const isTask = listItem.checked === true || listItem.checked === false
      if (isTask) {
        if (count >= MAX_CHECKLIST_ITEMS) omitted += 1
        else {
          const group = groupFor(heading)
          const item = itemFrom(listItem, depth)
          group.items.push(item)
          group.total += 1
          if (item.checked) group.done += 1
          count += 1
        }
      }
      for (const child of listItem.children) {
        // A plain bullet holding tasks is a sub-heading, not a level: its tasks keep this depth.
        if (child.type === 'list') collect(child, isTask ? depth + 1 : depth)
      }
    }
  }

  const visitBlock = (node: RootContent): void => {
    if (node.type === 'heading') heading = plainText(node.children).trim()
    else if (node.type === 'list') collect(node, 0)
    else if (node.type === 'blockquote') node.children.forEach(visitBlock)
  }
  tree.children.forEach(visitBlock)

  const kept = groups.filter((group) => group.total > 0)
  return {
    groups: kept,
    done: kept.reduce((sum, group) => sum + group.done, 0),
    total: kept.reduce((sum, group) => sum + group.total, 0),
    omitted
  }
}
