// Reads by key that arrive together go to the database together. Under load, the requests of one
// turn of the event loop (the answers of one audit batch come back at once, so their next requests
// do too) each want one row by its key; sent one by one, each costs a round trip, a write syscall
// and a wake-up of a database process — on a small machine, more than the rest of the request.
// Gathered, they cost one query for them all. Nothing is cached: every load reads the database,
// only later by less than a turn of the loop.
import DataLoader from 'dataloader';
import type { Db } from './database.js';

/** Keys at most per query: a list PostgreSQL plans in an instant, however busy the node. */
const MAX_KEYS_PER_QUERY = 500;

/**
 * A reader of rows by key, for reads outside a transaction (a transaction must read its own
 * snapshot: give it the plain query). `readMany` answers the rows found for the keys, in any order;
 * `keyOf` tells which key a row answers. A key with no row resolves to `undefined`.
 */
export function coalescedReader<K extends string, V>(
  readMany: (db: Db, keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): (db: Db, key: K) => Promise<V | undefined> {
  // One loader per database handle: a node has one, a test server its own.
  const loaders = new WeakMap<Db, DataLoader<K, V | undefined>>();
  return (db, key) => {
    let loader = loaders.get(db);
    if (!loader) {
      loader = new DataLoader<K, V | undefined>(
        async (keys) => {
          const rows = await readMany(db, [...new Set(keys)]);
          const byKey = new Map(rows.map((row) => [keyOf(row), row]));
          return keys.map((k) => byKey.get(k));
        },
        // No cache: a second request must see what was written since the first.
        // setImmediate: after every I/O callback of this turn, so that concurrent requests join.
        { cache: false, maxBatchSize: MAX_KEYS_PER_QUERY, batchScheduleFn: (run) => setImmediate(run) },
      );
      loaders.set(db, loader);
    }
    return loader.load(key);
  };
}
