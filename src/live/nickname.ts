/**
 * Nicknames in a live room: what a player types on the join page. Unique in
 * the room whatever the case, spacing or accents ("Ana", "ana ", "Anа" with a
 * Cyrillic a count as one), at most
 * `MAX_NICKNAME_LENGTH` characters, and none of a short blocklist: a
 * projector in a classroom is no place for slurs.
 */

export const MAX_NICKNAME_LENGTH = 20

/**
 * Words a nickname may not contain (after folding). Kept short on purpose: the
 * host can still remove a player, which catches what a list never will.
 */
const BLOCKED = [
  'fuck',
  'shit',
  'cunt',
  'bitch',
  'nigger',
  'nigga',
  'faggot',
  'retard',
  'whore',
  'slut',
  'rape',
  'hitler',
  'nazi',
  'penis',
  'vagina',
  'dick',
  'cock',
  'pussy',
  'asshole',
  'wank',
]

/** Letters that look like Latin ones, folded to them so look-alike names count as taken. */
const LOOK_ALIKES: Record<string, string> = {
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  у: 'y',
  х: 'x',
  і: 'i',
}

/** Digits and signs written for letters, folded only to find blocked words ("sh1t"). */
const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '@': 'a',
  $: 's',
}

/**
 * The key that decides whether two nicknames are the same: lower case,
 * accents dropped, look-alike letters folded, everything but letters and
 * digits removed.
 * @example nicknameKey('  Ána B ') === nicknameKey('anab') // true
 */
export function nicknameKey(nickname: string): string {
  return fold(nickname, LOOK_ALIKES).replace(/[^\p{L}\p{N}]/gu, '')
}

function fold(text: string, table: Record<string, string>): string {
  return [...text.normalize('NFKD').toLowerCase()].map((char) => table[char] ?? char).join('')
}

export type NicknameCheck = { ok: true; nickname: string; key: string } | { ok: false; message: string }

/**
 * Checks a typed nickname: trimmed, inner spaces collapsed, 1 to 20
 * characters, at least one letter, no control characters, not blocked.
 * Uniqueness is the room's to check, with `key`.
 * @example checkNickname('  Ana  B ') // { ok: true, nickname: 'Ana B', key: 'anab' }
 */
export function checkNickname(raw: string): NicknameCheck {
  const nickname = raw.normalize('NFC').replace(/\s+/g, ' ').trim()
  if (!nickname) return { ok: false, message: 'Choose a nickname.' }
  if ([...nickname].length > MAX_NICKNAME_LENGTH)
    return { ok: false, message: `Keep your nickname to ${MAX_NICKNAME_LENGTH} characters or fewer.` }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/.test(nickname))
    return { ok: false, message: 'Use letters, digits and spaces in your nickname.' }
  const key = nicknameKey(nickname)
  if (!/\p{L}/u.test(key)) return { ok: false, message: 'Your nickname needs at least one letter.' }
  const spelled = fold(fold(nickname, LOOK_ALIKES), LEET).replace(/[^\p{L}]/gu, '')
  if (BLOCKED.some((word) => spelled.includes(word)))
    return { ok: false, message: 'Choose another nickname: that one is not allowed here.' }
  return { ok: true, nickname, key }
}
