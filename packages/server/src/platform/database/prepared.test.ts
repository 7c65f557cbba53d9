import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { prepared, PREPARED_MARK, preparedName } from './prepared.js';

it('names a marked text, always the same way, and leaves any other text unnamed', () => {
  const text = `${PREPARED_MARK} select $1::int`;
  expect(preparedName(text)).toMatch(/^parcours_[0-9a-f]{24}$/);
  expect(preparedName(text)).toBe(preparedName(text));
  expect(preparedName(`${text} + 1`)).not.toBe(preparedName(text));
  expect(preparedName('select $1::int')).toBeUndefined();
});

describeEachDatabase('prepared statements', (database, kind) => {
  it('answers a marked statement as any other, and on PostgreSQL keeps it prepared on its connection', async () => {
    const { db } = database();
    const marked = (n: number) => sql<{ n: number }>`${prepared}select ${n}::int + 1 as n`;
    // One connection for the two statements and the look at what it holds.
    const answers = await db.connection().execute(async (conn) => {
      const first = (await marked(1).execute(conn)).rows[0]!.n;
      const second = (await marked(41).execute(conn)).rows[0]!.n;
      const held =
        kind === 'postgres'
          ? (
              await sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements where statement like ${'%prepared%'}`.execute(
                conn,
              )
            ).rows[0]!.n
          : 1;
      return { first, second, held };
    });
    expect(answers).toEqual({ first: 2, second: 42, held: 1 });
  });
});
