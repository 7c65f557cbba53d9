import type { ColumnType } from 'kysely';

/** A column written once and never updated: the log is append-only in the types as in the database. */
type Written<T> = ColumnType<T, T, never>;

export interface AuditTables {
  audit_log: {
    chain: Written<number>;
    seq: Written<number>;
    at: Written<Date>;
    actor_account_id: Written<string | null>;
    actor_role: Written<string>;
    /** The actor's name as it was when they acted; null before names were kept. */
    actor_name: Written<string | null>;
    organisation_id: Written<string | null>;
    organisation_name: Written<string | null>;
    patient_id: Written<string | null>;
    action: Written<string>;
    resource_type: Written<string>;
    resource_id: Written<string | null>;
    address: Written<string | null>;
    reason: Written<string | null>;
    prev_hash: Written<string>;
    hash: Written<string>;
  };
  /** Each chain's head: the one row that moves, under the lock its writer holds. */
  audit_chain: {
    id: Written<number>;
    seq: number;
    hash: string;
  };
  audit_checkpoint: {
    seq: Written<number>;
    at: Written<Date>;
    /** [chain, seq, hash] per chain; written as its JSON text (node-postgres would send an array as a SQL array). */
    heads: ColumnType<[number, number, string][], string, never>;
    prev_hash: Written<string>;
    hash: Written<string>;
    key_id: Written<string>;
    signature: Written<string>;
  };
}
