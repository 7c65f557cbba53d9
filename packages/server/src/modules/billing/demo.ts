import type { Tx } from '../../platform/database/database.js';
import type { DemoIds } from '../../platform/module.js';
import { practitionerProfile } from '../accounts/service.js';
import { appointmentParties } from '../scheduling/service.js';
import { recordOf } from './acts.js';
import { billingFacts, teleconsultingProfile } from './decision.js';
import { insertRecordOnce } from './store.js';

/**
 * The billing record of Jean's last video consultation with Dr Benali, left to pay: Jean's
 * « Mes paiements » and Dr Benali's « Actes et règlements » have an act to show. Made as the end of
 * the act makes it, from the rules; fictitious, like all the demo.
 */
export async function seedBillingDemo(tx: Tx, ids: DemoIds): Promise<void> {
  const appointmentId = ids.get('appointment:benali:jean');
  const parties = appointmentId ? await appointmentParties(tx, appointmentId) : undefined;
  if (!parties || parties.modality === 'in-person') return;
  const profile = await practitionerProfile(tx, parties.practitionerAccountId);
  if (profile?.profession !== 'doctor' && profile?.profession !== 'midwife') return;
  await insertRecordOnce(
    tx,
    recordOf(teleconsultingProfile(profile), { ...parties, outcome: 'completed' }, await billingFacts(tx, parties.patientId)),
  );
}
