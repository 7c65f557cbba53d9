import { DEFAULT_TRIAGE, orient, responseOf, type Answers, type Outcome } from '@parcours/domain';
import { randomUUID } from 'node:crypto';
import type { Tx } from '../../platform/database/database.js';
import type { DemoIds } from '../../platform/module.js';
import { insertFunnelEvent, insertFunnelEvents, insertResponse, type FunnelEventRow } from './store.js';

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
  await seedFunnelMonth(tx, organisationId);
}

/**
 * A month of the centre's questionnaire runs, for its statistics: about six a day, some left at a
 * step, the rest oriented (mostly to a teleconsultation, as in a large French service), most of
 * those booked and seen. Runs carry no answer and no patient, like the real ones. The same every
 * time: drawn from a fixed seed.
 */
async function seedFunnelMonth(tx: Tx, organisationId: string): Promise<void> {
  const draw = seededDraw(2026);
  const steps = DEFAULT_TRIAGE.questionnaire.item!.map((group) => group.linkId);
  const outcomes: [Outcome, number][] = [
    ['emergency-15', 0.04],
    ['in-person', 0.14],
    ['advice', 0.2],
    ['teleconsultation', 0.62],
  ];
  const now = Date.now();
  const events: FunnelEventRow[] = [];
  const add = (event: Omit<FunnelEventRow, 'organisationId'>) => events.push({ ...event, organisationId });
  for (let day = 30; day >= 1; day--) {
    for (let run = 0, runs = 3 + Math.floor(draw() * 7); run < runs; run++) {
      const runId = randomUUID();
      let at = now - day * 86_400_000 + Math.floor(draw() * 12 * 3_600_000);
      // A run of yesterday evening may have been seen only now.
      const next = (minutes: number) => new Date(Math.min((at += minutes * 60_000), now));
      add({ runId, event: 'started', at: next(0) });
      if (draw() < 0.18) {
        // Left on the way, more often at the first screens.
        const step = steps[Math.min(steps.length - 1, Math.floor(draw() * draw() * steps.length))]!;
        add({ runId, event: 'abandoned', step, at: next(2) });
        continue;
      }
      let pick = draw();
      const outcome = outcomes.find(([, share]) => (pick -= share) < 0)?.[0] ?? 'teleconsultation';
      add({ runId, event: 'oriented', outcome, at: next(4) });
      if (outcome === 'emergency-15' || draw() > (outcome === 'advice' ? 0.3 : 0.85)) continue;
      add({ runId, event: 'booked', outcome, at: next(3) });
      if (draw() > 0.9) continue;
      add({ runId, event: 'seen', outcome, at: next(24 * 60) });
      if (draw() < 0.06) add({ runId, event: 'reoriented', outcome, at: next(20) });
    }
  }
  await insertFunnelEvents(tx, events);
}

/** A small deterministic generator (mulberry32): numbers in [0, 1), the same for the same seed. */
function seededDraw(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
