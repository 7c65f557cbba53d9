// Rules and tariffs as data keyed by effective date: a new tariff is one new row, and an act is
// judged by the row in force on its own date.
import type { IsoDate } from './types.js';

export interface DatedRow<T> {
  /** First day the value applies (inclusive); it applies until the next row's `from`. */
  readonly from: IsoDate;
  readonly value: T;
  /** Public source of the value (factsheet URL). */
  readonly source: string;
}

export type DatedTable<T> = readonly DatedRow<T>[];

/** Sorts the rows once, when the module loads, and refuses two rows starting the same day. */
export function datedTable<T>(rows: readonly DatedRow<T>[]): DatedTable<T> {
  const sorted = [...rows].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.from === sorted[i - 1]!.from) throw new Error(`Two rows start on ${sorted[i]!.from}`);
  }
  return Object.freeze(sorted.map((row) => Object.freeze({ ...row })));
}

/** The row in force on `date`, or undefined before the first row. */
export function rowInForce<T>(table: DatedTable<T>, date: IsoDate): DatedRow<T> | undefined {
  for (let i = table.length - 1; i >= 0; i--) {
    const row = table[i]!;
    if (row.from <= date) return row;
  }
  return undefined;
}
