import type { Tx } from '../../platform/database/database.js';
import type { DemoIds } from '../../platform/module.js';
import { appointmentParties } from '../scheduling/service.js';
import { documentNumber } from './numbers.js';
import { insertMessage, insertPrescription, insertReport, signReport } from './store.js';
import { REPORT_TEMPLATES } from './templates.js';

/**
 * Dr Benali's signed report of Jean's last video consultation with him, with a prescription, sent
 * to Dr Martin (who follows Jean too): Jean's documents, Dr Martin's inbox and a number to verify
 * have something to show. Fictitious content.
 */
export async function seedRecordsDemo(tx: Tx, ids: DemoIds): Promise<void> {
  const appointmentId = ids.get('appointment:benali:jean');
  const parties = appointmentId ? await appointmentParties(tx, appointmentId) : undefined;
  if (!parties) return;
  const report = await insertReport(tx, {
    appointment_id: parties.appointmentId,
    patient_id: parties.patientId,
    author_account_id: parties.practitionerAccountId,
    organisation_id: parties.organisationId,
    template: 'general-practice',
    act_started_at: parties.startsAt,
    narrative: `${REPORT_TEMPLATES['general-practice'].narrative}\nSuivi d’insuffisance cardiaque : dyspnée stable, pas d’œdème rapporté. Poids stable sur la télésurveillance.`,
    acts: 'Téléconsultation vidéo (TCG)',
    incidents: 'Aucun incident technique.',
  });
  await insertPrescription(tx, {
    number: documentNumber('OR'),
    report_id: report.id,
    patient_id: parties.patientId,
    kind: 'medication',
    items: [
      {
        medication: 'Furosémide 40 mg, comprimé',
        dose: { value: 1, unit: 'comprimé' },
        route: 'oral',
        frequency: { times: 1, period: 1, periodUnit: 'd' },
        durationDays: 30,
        quantity: '1 boîte de 30 comprimés',
        instructions: 'Le matin.',
        substitutable: true,
      },
    ],
  });
  await signReport(tx, report.id, new Date(parties.endsAt.getTime() + 10 * 60_000));
  await insertMessage(tx, {
    sender_account_id: parties.practitionerAccountId,
    recipient_account_id: ids.get('dr.martin@demo.parcours.fr')!,
    patient_id: parties.patientId,
    report_id: report.id,
    note: 'Pour information, suivi de M. Moreau.',
  });
}
