import type { Standing } from './protocol'

export type Ranked = {
  id: string
  nickname: string
  score: number
  joinedAt: number
  previousRank: number | null
}

/**
 * Players in leaderboard order (score, then who joined first) with their
 * rank (ties share one) and how many places they moved since the last
 * question closed (positive: up).
 */
export function rankPlayers(players: readonly Ranked[]): (Standing & { id: string })[] {
  const sorted = [...players].sort((a, b) => b.score - a.score || a.joinedAt - b.joinedAt)
  let rank = 0
  let previousScore = Number.NaN
  return sorted.map((player, index) => {
    if (player.score !== previousScore) rank = index + 1
    previousScore = player.score
    return {
      id: player.id,
      nickname: player.nickname,
      score: player.score,
      rank,
      moved: player.previousRank === null ? 0 : player.previousRank - rank,
    }
  })
}

/** The leaderboard's top rows. */
export const TOP = 5
