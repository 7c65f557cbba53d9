import type { Db } from '../../platform/database/database.js';

export interface PractitionerProfile {
  /** The rules contract's vocabulary: doctor, midwife, nurse… */
  profession: string;
  specialty: string | null;
  sector: 1 | 2 | null;
  optam: boolean;
}

/** The professional facts the rules need of a practitioner (profession, specialty, convention sector). */
export async function practitionerProfile(db: Db, accountId: string): Promise<PractitionerProfile | undefined> {
  const row = await db
    .selectFrom('practitioners')
    .select(['profession', 'specialty', 'sector', 'optam'])
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return (
    row && {
      profession: row.profession,
      specialty: row.specialty,
      sector: row.sector === 1 || row.sector === 2 ? row.sector : null,
      optam: row.optam,
    }
  );
}
