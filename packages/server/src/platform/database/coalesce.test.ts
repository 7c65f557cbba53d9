import { describe, expect, it } from 'vitest';
import { coalescedReader } from './coalesce.js';
import type { Db } from './database.js';

// The reader's query is a function of ours: here one that counts its calls over a map of rows.
function rowsReader(rows: Map<string, { id: string; version: number }>) {
  const queries: string[][] = [];
  const read = coalescedReader(
    async (_db, ids: readonly string[]) => {
      queries.push([...ids]);
      return ids.flatMap((id) => (rows.has(id) ? [rows.get(id)!] : []));
    },
    (row) => row.id,
  );
  return { read, queries };
}

const db = {} as Db;

describe('coalescedReader', () => {
  it('answers the reads of one turn of the event loop with one query, each its own row', async () => {
    const rows = new Map([
      ['a', { id: 'a', version: 1 }],
      ['b', { id: 'b', version: 1 }],
    ]);
    const { read, queries } = rowsReader(rows);
    const answers = await Promise.all([read(db, 'a'), read(db, 'b'), read(db, 'a'), read(db, 'missing')]);
    expect(answers).toEqual([rows.get('a'), rows.get('b'), rows.get('a'), undefined]);
    expect(queries).toEqual([['a', 'b', 'missing']]);
  });

  it('keeps nothing: a read after a change sees the change', async () => {
    const rows = new Map([['a', { id: 'a', version: 1 }]]);
    const { read, queries } = rowsReader(rows);
    expect(await read(db, 'a')).toEqual({ id: 'a', version: 1 });
    rows.set('a', { id: 'a', version: 2 });
    expect(await read(db, 'a')).toEqual({ id: 'a', version: 2 });
    expect(queries).toHaveLength(2);
  });

  it('fails the reads of a query that fails, and only those', async () => {
    let fail = true;
    const read = coalescedReader(
      async (_db, ids: readonly string[]) => {
        if (fail) throw new Error('database gone');
        return ids.map((id) => ({ id }));
      },
      (row) => row.id,
    );
    await expect(Promise.all([read(db, 'a'), read(db, 'b')])).rejects.toThrow('database gone');
    fail = false;
    expect(await read(db, 'a')).toEqual({ id: 'a' });
  });

  it('keeps the reads of two databases apart', async () => {
    const seen: string[] = [];
    const read = coalescedReader(
      async (database: Db, ids: readonly string[]) => {
        seen.push(`${database === db ? 'first' : 'second'}:${ids.join(',')}`);
        return ids.map((id) => ({ id }));
      },
      (row) => row.id,
    );
    const other = {} as Db;
    await Promise.all([read(db, 'a'), read(other, 'b')]);
    expect(seen.sort()).toEqual(['first:a', 'second:b']);
  });
});
