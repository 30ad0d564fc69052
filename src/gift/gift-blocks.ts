/**
 * The first pass of the GIFT reader: a file becomes blocks (one question
 * each, separated by blank lines), with the `// cited-…` comment lines and the
 * current `$CATEGORY` attached to the question they precede.
 */

export type Meta = {
  /** The `cited-evidence` lines, one per cited passage (none: an uncited question). */
  evidence: string[]
  tags: string | null
  difficulty: string | null
  unit: string | null
  ordering: string[]
  /** A passage question's prompt, passage and gaps, as one line of JSON (`cited-cloze`). */
  cloze: string | null
  /** The `cited-hint` lines, one per hint, in the order learners reveal them. */
  hints: string[]
  /** Moodle's `// [tag:name]` and `// [id:number]` comments, as tags (`id:number` for the id number). */
  moodleTags: string[]
  /** The `cited-image` lines (gift-images.ts). */
  images: string[]
}

export type Block = { line: number; text: string; lineStarts: number[]; meta: Meta; category: string[] }

const META_LINE = /^\s*\/\/\s*cited-([a-z]+):\s?(.*)$/
const CATEGORY_LINE = /^\s*\$CATEGORY:\s*(.*)$/
/** Category path segments Moodle adds that say nothing about the topic. */
const CONTEXT_SEGMENTS = new Set(['$course$', '$system$', '$module$', '$coursecategory$', 'top', 'default'])

const emptyMeta = (): Meta => ({
  evidence: [],
  tags: null,
  difficulty: null,
  unit: null,
  ordering: [],
  cloze: null,
  hints: [],
  moodleTags: [],
  images: [],
})

/** Moodle 4's tags and id number in comments above a question: `// [id:Q12] [tag:energy] [tag:oil]`. */
const MOODLE_TAG = /\[(tag|id):([^\]]+)\]/g

/** Splits the file at blank lines; comment lines feed the next question's metadata. */
export function splitBlocks(text: string): Block[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)
  const blocks: Block[] = []
  let category: string[] = []
  let meta = emptyMeta()
  let current: { line: number; lines: string[] } | null = null
  const flush = () => {
    if (!current) return
    const lineStarts: number[] = []
    let offset = 0
    for (const line of current.lines) {
      lineStarts.push(offset)
      offset += line.length + 1
    }
    blocks.push({ line: current.line, text: current.lines.join('\n'), lineStarts, meta, category })
    meta = emptyMeta()
    current = null
  }
  lines.forEach((line, index) => {
    if (line.trim() === '') {
      flush()
      return
    }
    const metaLine = META_LINE.exec(line)
    if (metaLine) {
      const [, key = '', value = ''] = metaLine
      if (key === 'ordering') meta.ordering.push(value.trim())
      else if (key === 'evidence') meta.evidence.push(value.trim())
      else if (key === 'image') meta.images.push(value.trim())
      else if (key === 'hint') meta.hints.push(value.trim())
      else if (key === 'tags' || key === 'difficulty' || key === 'unit' || key === 'cloze')
        meta[key] = value.trim()
      return
    }
    if (/^\s*\/\//.test(line)) {
      for (const [, kind, value = ''] of line.matchAll(MOODLE_TAG)) {
        const tag = kind === 'id' ? `id:${value.trim()}` : value.trim()
        if (value.trim() && !meta.moodleTags.includes(tag)) meta.moodleTags.push(tag)
      }
      return
    }
    const categoryLine = current ? null : CATEGORY_LINE.exec(line)
    if (categoryLine) {
      category = (categoryLine[1] ?? '')
        .split('/')
        .map((segment) => segment.trim())
        .filter((segment) => segment && !CONTEXT_SEGMENTS.has(segment.toLowerCase()))
      return
    }
    current ??= { line: index + 1, lines: [] }
    current.lines.push(line)
  })
  flush()
  return blocks
}

/** The file line of an offset inside a block's text. */
export function lineAt(block: Block, offset: number): number {
  let index = 0
  while (index + 1 < block.lineStarts.length && (block.lineStarts[index + 1] ?? 0) <= offset) index++
  return block.line + index
}
