import type { Db } from '../database/database.js';
import { verifyAuditTrail } from './verify.js';

interface Io {
  out(text: string): void;
  err(text: string): void;
}

/** `parcours audit verify`: exit 0 when the whole trail holds, 1 naming the first bad entry. */
export async function runAuditVerify(db: Db, io: Io): Promise<number> {
  const result = await verifyAuditTrail(db);
  if (result.ok) {
    io.out(`Audit trail intact: ${result.checked} entries checked.`);
    return 0;
  }
  const { seq, problem, detail } = result.firstBad;
  io.err(`Audit trail broken at entry #${seq}: ${problem} (${detail})`);
  return 1;
}
