/**
 * Named entities (people, places, organisations) found by capitalisation and
 * a few context cues, for the draft generator. Rule-based on purpose: drafts
 * must be deterministic and offline, and a wrong guess costs an instructor one
 * rejected draft, not a wrong answer (every draft is reviewed).
 */

export type EntityKind = 'person' | 'place' | 'organisation'

/** An entity as it is written in one sentence. */
export type EntityMention = { text: string; start: number; end: number }

// Words that start sentences or titles with a capital without naming anything.
const FUNCTION_WORDS = new Set(
  (
    'a an the this that these those however although though indeed in on at by for from since after before ' +
    'while when whenever where if as but and or nor so such it its he she they we i you his her their our my ' +
    'your of now then recently additionally moreover furthermore yet still even also both many some most all ' +
    'every each first second third secondly thirdly finally under with without given quite because consequently ' +
    'seemingly behind against over there here what which who whom whose why how not no yes one two three more ' +
    'less much other another thus therefore meanwhile instead indeed perhaps maybe just only until despite ' +
    'according among between during about above below into onto upon via per than like unlike once again ' +
    'source you may get stay top post photo comments is are was were be neighboring neighbouring ' +
    'january february march april may june july august september october november december ' +
    'monday tuesday wednesday thursday friday saturday sunday'
  ).split(' '),
)

// Adjectives of nationality and similar capitalised modifiers: not entities on their own.
const MODIFIERS = new Set(
  (
    'kazakh soviet western eastern northern southern central trans-caspian caspian kremlin-funded moscow-backed ' +
    'self-proclaimed anti-russian russia-led azerbaijani uzbek kyrgyz tajik turkmen'
  ).split(' '),
)
const DEMONYM_ENDING = /(?:ian|ish|ese|ean|ern)$/i
// Titles before a name ("President Kassym-Jomart Tokayev" names Tokayev).
const TITLES = new Set(
  'president prime minister foreign deputy first head leader spokesman former vice general secretary chairman mayor councillor councilor governor senator ambassador king queen mr mrs ms dr'.split(
    ' ',
  ),
)

// Lower-case words that introduce a person's name ("spokesman Peskov").
const PERSON_CUE_BEFORE =
  /\b(?:president|spokesman|spokeswoman|counterpart|moderator|minister|scientist|leader|analyst|journalist|correspondent|chairman|chairwoman|secretary|predecessor|guest|mr\.?|mrs\.?|ms\.?|dr\.?)\s+$/i
// Verbs of saying after a name ("Tokayev said").
const PERSON_CUE_AFTER = /^(?:’s|'s)?\s+(?:said|says|stressed|argued|told|tells|added|warned|noted|claimed)\b/
const ORGANISATION_HEAD =
  /\b(?:Union|Organization|Organisation|Consortium|Forum|Court|Committee|Ministry|Bank|Council|Agency|Company|Party|Commission|Administration|Alliance|Fund|Group|Corporation|Institute|University|Parliament|Government|Kremlin|Radio|Liberty|TV|News|Courier|Express|Times|Post)$/
const PLACE_HEAD =
  /\b(?:Federation|Sea|Ocean|River|Lake|Mountains|Republic|Republics|Route|Strait|Gulf|Bay|Island|Islands)$/
const PLACE_PREFIX =
  /^(?:North|South|East|West|Central|Eastern|Western|Northern|Southern|Southeast|Saint|St\.|New|Upper|Lower|United)\s/
const PLACE_CUE_BEFORE =
  /\b(?:in|to|from|via|through|across|into|visited|near|towards|toward|bypassing|reach)\s+$/i
// All-capital words that are shouting, not acronyms.
const SHOUTED = new Set(['MUST', 'NOT', 'NEW', 'NOW', 'ALL', 'THE', 'AND', 'FREE', 'NEWS'])
const ACRONYM = /^[A-Z]{2,5}$/

// A run of capitalised words, allowing "of" / "of the" inside ("Collective Security Treaty Organization").
const CAPITALISED_RUN =
  /(?<![\w’'-])(?:St\.\s)?[A-Z][\w’'.-]*[\w](?:\s+(?:of\s+(?:the\s+)?)?(?:St\.\s)?[A-Z][\w’'.-]*[\w])*|(?<![\w’'-])[A-Z](?![\w’'-])/g

/** "Kazakh", "Russian", "Western": capitalised words that are adjectives of a name. */
export function isProperAdjective(word: string): boolean {
  return MODIFIERS.has(word.toLowerCase()) || DEMONYM_ENDING.test(word)
}

/** Capitalised runs of one sentence, trimmed of function words, modifiers and possessives. */
export function capitalisedRunsOf(sentence: string): EntityMention[] {
  const mentions: EntityMention[] = []
  for (const match of sentence.matchAll(CAPITALISED_RUN)) {
    let text = match[0]
    let start = match.index ?? 0
    // Drop leading words that are not part of a name ("The", "However", "Kazakh").
    // A modifier is dropped only before a title or on its own ("Kazakh President X",
    // "Kazakh oil"), not inside a name ("Eurasian Economic Union").
    for (;;) {
      const first = /^(\S+)\s+(\S+)?/.exec(text)
      const word = first?.[1] ?? text
      const lower = word.toLowerCase()
      const next = first?.[2]?.toLowerCase() ?? ''
      const isModifier = MODIFIERS.has(lower) || DEMONYM_ENDING.test(word)
      const droppable =
        FUNCTION_WORDS.has(lower) || TITLES.has(lower) || (isModifier && (!first || TITLES.has(next)))
      if (!droppable) break
      if (!first) {
        text = ''
        break
      }
      const skip = /^\S+\s+/.exec(text)?.[0].length ?? text.length
      text = text.slice(skip)
      start += skip
    }
    // Function words glued on at the end ("Lithuania In", where a space was lost).
    text = text.replace(/(?:\s+[A-Z][a-z]*)+$/, (tail) =>
      tail
        .trim()
        .split(/\s+/)
        .every((word) => FUNCTION_WORDS.has(word.toLowerCase()))
        ? ''
        : tail,
    )
    text = text.replace(/(?:’s|'s|’|')$/, '').replace(/[.]$/, (dot) => (/\bSt\.$/.test(text) ? dot : ''))
    // A trailing " of" / " of the" left by a dropped word.
    text = text.replace(/\s+of(?:\s+the)?$/, '')
    // "Central Asian", "Russia-led": an adjective, not a name.
    if (!text || text.length < 2 || DEMONYM_ENDING.test(text) || /-led$/.test(text) || SHOUTED.has(text))
      continue
    if (/^[A-Z][a-z]*$/.test(text) && FUNCTION_WORDS.has(text.toLowerCase())) continue
    mentions.push({ text, start, end: start + text.length })
  }
  return mentions
}

const LIST_JOIN = /^(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$/

/** Known entities of a body of text, with their kinds; built once from every sentence of every source. */
export class EntityIndex {
  private readonly kinds = new Map<string, EntityKind>()
  private readonly counts = new Map<string, number>()
  /** Names seen capitalised in the middle of a sentence: proper names, even when their kind is unknown. */
  private readonly midSentence = new Set<string>()

  constructor(sentences: string[]) {
    const midSentence = this.midSentence
    const cues = new Map<string, { person: boolean; place: boolean }>()
    const all: { sentence: string; mention: EntityMention }[] = []
    for (const sentence of sentences) {
      for (const mention of capitalisedRunsOf(sentence)) {
        all.push({ sentence, mention })
        const before = sentence.slice(0, mention.start)
        if (mention.start > 0 && /[a-z,;:]\s+$/.test(before)) midSentence.add(mention.text)
        const cue = cues.get(mention.text) ?? { person: false, place: false }
        if (PERSON_CUE_BEFORE.test(before) || PERSON_CUE_AFTER.test(sentence.slice(mention.end)))
          cue.person = true
        if (PLACE_CUE_BEFORE.test(before)) cue.place = true
        cues.set(mention.text, cue)
      }
    }
    // A name seen only at the start of sentences is probably an ordinary word ("Imports", "Restrictions").
    const names = [...new Set(all.map(({ mention }) => mention.text))].filter(
      (name) => name.includes(' ') || midSentence.has(name) || ACRONYM.test(name),
    )
    const people = names.filter(
      (name) =>
        !ORGANISATION_HEAD.test(name) &&
        !PLACE_HEAD.test(name) &&
        !PLACE_PREFIX.test(name) &&
        !ACRONYM.test(name) &&
        (cues.get(name)?.person ||
          (/^\S+(?:\s\S+){1,2}$/.test(name) && !/\bof\b/.test(name) && !cues.get(name)?.place)),
    )
    // Surnames of known people are people too ("Putin" after "Vladimir Putin").
    const surnames = new Set(people.filter((name) => name.includes(' ')).map((name) => name.split(' ').pop()))
    for (const name of names) {
      const kind: EntityKind | null =
        ORGANISATION_HEAD.test(name) || ACRONYM.test(name)
          ? 'organisation'
          : PLACE_HEAD.test(name) || PLACE_PREFIX.test(name)
            ? 'place'
            : people.includes(name)
              ? 'person'
              : /(?:stan|ia|land)$/.test(name)
                ? 'place'
                : surnames.has(name)
                  ? 'person'
                  : cues.get(name)?.place
                    ? 'place'
                    : null
      if (kind) this.kinds.set(name, kind)
    }
    // Names listed beside a known one are of its kind ("to Dunmore, Caldris and Penhallow").
    for (const sentence of sentences) {
      const runs = capitalisedRunsOf(sentence)
      for (let index = 0; index + 1 < runs.length; index++) {
        const [left, right] = [runs[index], runs[index + 1]]
        if (!left || !right || !LIST_JOIN.test(sentence.slice(left.end, right.start))) continue
        // "..., Donetsk and Luhansk, Bild notes": an attribution after a list is not one of its items.
        if (/^\s+(?:notes|writes|reports|says|said|adds)\b/.test(sentence.slice(right.end))) continue
        const [leftKind, rightKind] = [this.kinds.get(left.text), this.kinds.get(right.text)]
        if (leftKind && !rightKind && names.includes(right.text)) this.kinds.set(right.text, leftKind)
        if (rightKind && !leftKind && names.includes(left.text)) this.kinds.set(left.text, rightKind)
      }
    }
    for (const { mention } of all)
      if (this.kinds.has(mention.text))
        this.counts.set(mention.text, (this.counts.get(mention.text) ?? 0) + 1)
  }

  /** True when the word is written capitalised in the middle of some sentence: a name, not an ordinary word. */
  isProperName(word: string): boolean {
    return this.midSentence.has(word) || this.kinds.has(word)
  }

  /** The kind of a name, or null when it is not a recognised entity. */
  kindOf(name: string): EntityKind | null {
    return this.kinds.get(name) ?? null
  }

  /** How many times the name occurs across every source. */
  countOf(name: string): number {
    return this.counts.get(name) ?? 0
  }

  /** Recognised entities of one sentence, in reading order. */
  mentionsIn(sentence: string): (EntityMention & { kind: EntityKind })[] {
    return capitalisedRunsOf(sentence).flatMap((mention) => {
      const kind = this.kindOf(mention.text)
      return kind ? [{ ...mention, kind }] : []
    })
  }

  /** Every entity of a kind, most frequent first, then alphabetically. */
  entitiesOf(kind: EntityKind): string[] {
    return [...this.kinds]
      .filter(([, entityKind]) => entityKind === kind)
      .map(([name]) => name)
      .sort((a, b) => this.countOf(b) - this.countOf(a) || a.localeCompare(b))
  }
}
