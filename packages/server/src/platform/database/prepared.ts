// The hottest statements — the audit append, the coalesced reads — have a fixed text whatever their
// data (one JSON or array parameter). Sent as unnamed statements, PostgreSQL parses and plans each
// one again: a third of a millisecond of the database's time per audit batch, as much as writing
// ten entries. Marked, they become named prepared statements, parsed once per connection.
import { sql } from 'kysely';
import { sha256Hex } from '../sha256.js';

/** What a statement's text carries to be prepared. */
export const PREPARED_MARK = '/* prepared */';

/**
 * Put at the front of a `sql` template (or in a builder's `modifyFront`) whose text never varies
 * with its data: each distinct text stays prepared on every connection for the connection's life,
 * so a text that grows with a list (`in ($1, $2, …)`) must not be marked. After five runs PostgreSQL
 * may plan it once for any values (a generic plan): mark only statements whose best plan does not
 * depend on the values — look-ups by key, inserts — not searches over ranges (the slot search's
 * query, prepared, ran twice slower).
 */
export const prepared = sql.raw(`${PREPARED_MARK} `);

const names = new Map<string, string>();

/** The prepared statement's name for a marked text, or undefined for an ordinary statement. */
export function preparedName(text: string): string | undefined {
  if (!text.includes(PREPARED_MARK)) return undefined;
  let name = names.get(text);
  if (!name) {
    name = `parcours_${sha256Hex(text).slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}
