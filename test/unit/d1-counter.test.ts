import { describe, expect, it } from 'vitest'
import { countD1, formatD1Counts, parseD1Counts } from '../../src/db/d1-counter'

type Row = Record<string, unknown>

/** A fake D1: each statement resolves after `delayMs` with `rows` and meta saying it read them. */
function fakeD1(delayMs = 5) {
  const log: string[] = []
  const result = (sql: string, values: unknown[]) => {
    log.push(`${sql} ${JSON.stringify(values)}`)
    const written = /^insert/i.test(sql) ? 1 : 0
    const rows: Row[] = written ? [] : [{ one: 1 }, { one: 2 }]
    return new Promise<{ results: Row[]; meta: { rows_read: number; rows_written: number } }>((resolve) =>
      setTimeout(
        () => resolve({ results: rows, meta: { rows_read: rows.length, rows_written: written } }),
        delayMs,
      ),
    )
  }
  const statement = (sql: string, values: unknown[] = []) => ({
    sql,
    values,
    bind: (...bound: unknown[]) => statement(sql, bound),
    all: () => result(sql, values),
    run: () => result(sql, values),
    first: () => result(sql, values).then((answer) => answer.results[0] ?? null),
    raw: () => result(sql, values).then((answer) => answer.results.map((row) => Object.values(row))),
  })
  type Statement = ReturnType<typeof statement>
  const d1 = {
    prepare: (sql: string) => statement(sql),
    batch: (statements: Statement[]) => Promise.all(statements.map((one) => result(one.sql, one.values))),
    exec: async (sql: string) => {
      log.push(sql)
      return { count: sql.split(';').filter((part) => part.trim()).length, duration: 0 }
    },
  }
  return { d1, log }
}

describe('countD1', () => {
  it('counts awaits one after another as one trip each, and sums rows from meta', async () => {
    const { d1, log } = fakeD1()
    const counter = countD1(d1)
    await counter.d1.prepare('select * from a where id = ?').bind(7).all()
    await counter.d1.prepare('insert into b values (1)').run()
    expect(counter.counts()).toEqual({
      queries: 2,
      trips: 2,
      writes: 1,
      rowsRead: 2,
      rowsWritten: 1,
      unmetered: 0,
    })
    expect(log).toEqual(['select * from a where id = ? [7]', 'insert into b values (1) []'])
  })

  it('counts statements awaited together as one trip', async () => {
    const { d1 } = fakeD1()
    const counter = countD1(d1)
    await Promise.all([
      counter.d1.prepare('select 1').all(),
      counter.d1.prepare('select 2').all(),
      counter.d1.prepare('select 3').all(),
    ])
    expect(counter.counts()).toMatchObject({ queries: 3, trips: 1, rowsRead: 6 })
  })

  it('counts a batch as one trip of all its statements, and passes the real statements on', async () => {
    const { d1, log } = fakeD1()
    const counter = countD1(d1)
    const first = counter.d1.prepare('insert into b values (?)').bind(1)
    const second = counter.d1.prepare('select * from b')
    const results = await counter.d1.batch([first, second])
    expect(results).toHaveLength(2)
    expect(log).toEqual(['insert into b values (?) [1]', 'select * from b []'])
    expect(counter.counts()).toEqual({
      queries: 2,
      trips: 1,
      writes: 1,
      rowsRead: 2,
      rowsWritten: 1,
      unmetered: 0,
    })
  })

  it('learns the rows a raw() or first() read by running the select once more, counted once', async () => {
    const { d1, log } = fakeD1()
    const counter = countD1(d1)
    expect(await counter.d1.prepare('select one from a').raw()).toEqual([[1], [2]])
    expect(await counter.d1.prepare('select one from a').first()).toEqual({ one: 1 })
    expect(counter.counts()).toEqual({
      queries: 2,
      trips: 2,
      writes: 0,
      rowsRead: 4,
      rowsWritten: 0,
      unmetered: 0,
    })
    expect(log).toHaveLength(4)
  })

  it('takes a with ... select for a read and a with ... insert for a write', async () => {
    const { d1 } = fakeD1()
    const counter = countD1(d1)
    await counter.d1.prepare('with latest as (select 1 as updated_at) select * from latest').raw()
    expect(counter.counts()).toMatchObject({ writes: 0, rowsRead: 2, unmetered: 0 })
    await counter.d1.prepare('with x as (select 1) insert into b select * from x').run()
    expect(counter.counts()).toMatchObject({ writes: 1 })
  })

  it('never runs a write twice: a write read with raw() is unmetered', async () => {
    const { d1, log } = fakeD1()
    const counter = countD1(d1)
    await counter.d1.prepare('insert into b values (1) returning id').raw()
    expect(log).toHaveLength(1)
    expect(counter.counts()).toEqual({
      queries: 1,
      trips: 1,
      writes: 1,
      rowsRead: 0,
      rowsWritten: 0,
      unmetered: 1,
    })
  })

  it("counts exec's statements, and a trip that starts while another is in flight as the same trip", async () => {
    const { d1 } = fakeD1(10)
    const counter = countD1(d1)
    const slow = counter.d1.prepare('select 1').all()
    await counter.d1.exec('create table x (a); create table y (b)')
    await slow
    expect(counter.counts()).toEqual({
      queries: 3,
      trips: 1,
      writes: 1,
      rowsRead: 2,
      rowsWritten: 0,
      unmetered: 2,
    })
  })

  it('counts nothing for a request that never reaches D1', () => {
    expect(countD1(fakeD1().d1).counts()).toEqual({
      queries: 0,
      trips: 0,
      writes: 0,
      rowsRead: 0,
      rowsWritten: 0,
      unmetered: 0,
    })
  })
})

describe('formatD1Counts and parseD1Counts', () => {
  it('round-trip the header value and refuse anything else', () => {
    const counts = { queries: 3, trips: 2, writes: 0, rowsRead: 120, rowsWritten: 0, unmetered: 1 }
    const header = formatD1Counts(counts)
    expect(header).toBe('queries=3; trips=2; writes=0; read=120; written=0; unmetered=1')
    expect(parseD1Counts(header)).toEqual(counts)
    expect(parseD1Counts(null)).toBeNull()
    expect(parseD1Counts('queries=3; trips=x')).toBeNull()
  })
})
