import { DEFAULT_TRIAGE, orient, responseOf, type Answers } from '@parcours/domain';
import { randomUUID } from 'node:crypto';
import type { Tx } from '../../platform/database/database.js';
import type { DemoIds } from '../../platform/module.js';
import { insertFunnelEvent, insertResponse } from './store.js';

/** Camille Petit answered the questionnaire before her teleconsultation: a cough with a fever for three days. */
export async function seedTriageDemo(tx: Tx, ids: DemoIds): Promise<void> {
  const patientId = ids.get('patient:camille.petit@demo.parcours.fr')!;
  const organisationId = ids.get('organisation')!;
  const answers: Answers = {
    reason: 'new-symptom',
    'reason-details': 'Toux et fièvre',
    'symptom-days': 3,
    'chest-pain': false,
    'stroke-signs': false,
    'sudden-severe-headache': false,
    'loss-of-consciousness': false,
    confusion: false,
    breathing: 'normal',
    'severe-allergy': false,
    'heavy-bleeding': false,
    'suicidal-thoughts': false,
    'fever-celsius': 38.6,
    'stiff-neck-or-rash': false,
    'abdominal-pain': 'none',
    'needs-examination': false,
    pregnant: false,
    'can-use-video': true,
    'needs-interpreter': false,
    'treating-doctor': 'available',
  };
  const { questionnaire } = DEFAULT_TRIAGE;
  const response = responseOf(questionnaire, answers, { subject: { reference: `Patient/${patientId}` } });
  const orientation = orient(DEFAULT_TRIAGE, response, { age: 34, sex: 'F' });
  const runId = randomUUID();
  const row = await insertResponse(tx, {
    runId,
    patientId,
    organisationId,
    questionnaireId: null,
    url: questionnaire.url!,
    version: questionnaire.version!,
    response,
    orientation,
    authorAccountId: ids.get('camille.petit@demo.parcours.fr')!,
  });
  await insertFunnelEvent(tx, { runId, organisationId, event: 'started' });
  await insertFunnelEvent(tx, { runId, organisationId, event: 'oriented', outcome: orientation.outcome });
  ids.set('triage-response:camille.petit@demo.parcours.fr', row.id);
}
