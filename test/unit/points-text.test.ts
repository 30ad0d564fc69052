import { describe, expect, it } from 'vitest'
import { questionPointsText, scoreText, totalPointsText, withFullStop } from '../../src/quiz/points-text'

describe('points as people read them', () => {
  it('shows a question’s partial credit as the fraction its hundredths stand for', () => {
    expect(questionPointsText(0.33)).toBe('1/3')
    expect(questionPointsText(0.67)).toBe('2/3')
    expect(questionPointsText(0.5)).toBe('1/2')
    expect(questionPointsText(0.25)).toBe('1/4')
    expect(questionPointsText(0.75)).toBe('3/4')
    expect(questionPointsText(0.2)).toBe('1/5')
    expect(questionPointsText(0.14)).toBe('1/7')
    expect(questionPointsText(0.3)).toBe('3/10')
    expect(questionPointsText(1)).toBe('1')
    expect(questionPointsText(0.41)).toBe('0.41')
  })

  it('shows totals to one decimal, never rounded up to a point not earned', () => {
    expect(totalPointsText(7.83)).toBe('7.8')
    expect(totalPointsText(13.96)).toBe('13.9')
    expect(totalPointsText(2.99)).toBe('2.9')
    expect(totalPointsText(3)).toBe('3')
    expect(totalPointsText(0.3)).toBe('0.3')
    expect(scoreText({ points: 7.83, max: 14 })).toBe('7.8 of 14 points')
    expect(scoreText({ points: 1, max: 1 })).toBe('1 of 1 point')
  })

  it('ends a sentence with one full stop, even after a name that ends with one', () => {
    expect(withFullStop('3 of 4 points for Dana K.')).toBe('3 of 4 points for Dana K.')
    expect(withFullStop('3 of 4 points for Dana')).toBe('3 of 4 points for Dana.')
  })
})
