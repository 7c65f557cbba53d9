import type { Tx } from '../../platform/database/database.js';
import type { DemoIds } from '../../platform/module.js';
import { insertCareRelationships, insertPatient } from './store.js';

/** The demo patients' records (keyed by their account's e-mail) and who cares for them. Fictitious people. */
const DEMO_RECORDS = [
  {
    email: 'camille.petit@demo.parcours.fr',
    identity: { birthName: 'PETIT', firstNames: 'Camille', sex: 'F', birthDate: '1988-04-12', birthPlaceInsee: '75056' },
    carers: ['dr.martin@demo.parcours.fr'],
    // Camille manages her son's record: a dependant without an account of his own.
    dependants: [{ birthName: 'PETIT', firstNames: 'Léo', sex: 'M', birthDate: '2017-06-02', birthPlaceInsee: '75056' }],
  },
  {
    email: 'jean.moreau@demo.parcours.fr',
    identity: { birthName: 'MOREAU', firstNames: 'Jean', sex: 'M', birthDate: '1951-09-30', birthPlaceInsee: '60175' },
    // Dr Martin is everyone's treating doctor (care team); Dr Benali follows Jean.
    carers: ['dr.martin@demo.parcours.fr', 'dr.benali@demo.parcours.fr'],
    dependants: [],
  },
] as const;

export async function seedPatientsDemo(tx: Tx, ids: DemoIds): Promise<void> {
  const organisationId = ids.get('organisation')!;
  for (const record of DEMO_RECORDS) {
    const accountId = ids.get(record.email)!;
    const patientId = await insertPatient(tx, { accountId, isSelf: true, ...record.identity });
    ids.set(`patient:${record.email}`, patientId);
    await insertCareRelationships(
      tx,
      record.carers.map((email) => ({ patientId, practitionerAccountId: ids.get(email)!, organisationId, kind: 'care-team' as const })),
    );
    for (const dependant of record.dependants) await insertPatient(tx, { accountId, isSelf: false, ...dependant });
  }
}
