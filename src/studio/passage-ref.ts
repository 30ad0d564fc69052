/**
 * A passage named in a form: `<source id>:<paragraph>:<sentence>`, the value
 * of a "Cite" button or a sentence's radio button.
 * @example readPassageRef('s-abc:2:0') // { source: 's-abc', paragraph: 2, sentence: 0 }
 */
export function readPassageRef(
  value: string,
): { source: string; paragraph: number; sentence: number } | null {
  const match = /^([a-z0-9-]{1,80}):(\d{1,6}):(\d{1,4})$/.exec(value.trim())
  if (!match?.[1]) return null
  return { source: match[1], paragraph: Number(match[2]), sentence: Number(match[3]) }
}

export const passageRef = (source: string, passage: { paragraph: number; sentence: number }) =>
  `${source}:${passage.paragraph}:${passage.sentence}`
