// Rules engine throughput: 10,000 mixed requests of every kind (built deterministically), judged
// by `evaluate` — validation included — in one process; warm-up, then the best of several runs.
import { evaluate, type RulesRequest } from '../packages/domain/src/index.ts';

const REQUESTS = 10_000;
const RUNS = 7;

const SPECIALTIES = ['general-practice', 'gynecology', 'psychiatry', 'pediatrics', 'dermatology', 'cardiology'] as const;
const DATES = ['2019-06-01', '2021-03-15', '2022-10-03', '2024-05-14', '2024-05-15', '2025-03-01', '2025-07-01', '2026-01-05'];

function dateOf(i: number): string {
  return DATES[i % DATES.length]!;
}

/** The i-th request: kinds in turn, fields varied by i so that every branch gets exercised. */
function buildRequest(i: number): RulesRequest {
  const date = dateOf(i);
  switch (i % 7) {
    case 0:
    case 1:
      return {
        kind: 'teleconsultation',
        date,
        time: i % 5 === 0 ? '21:30' : '10:15',
        modality: i % 11 === 0 ? 'phone' : 'video',
        practitioner: {
          profession: i % 13 === 0 ? 'midwife' : 'doctor',
          specialty: SPECIALTIES[i % SPECIALTIES.length]!,
          sector: i % 4 === 0 ? 2 : 1,
          local: i % 9 !== 0,
        },
        patient: {
          age: (i * 7) % 95,
          treatingDoctor: (['referred', 'available', 'unavailable', 'none'] as const)[i % 4]!,
          coverage: i % 6 === 0 ? ['ald'] : i % 10 === 0 ? ['css'] : [],
          participationsPaidThisYear: i % 50,
          ...(i % 3 === 0 ? { lastInPersonVisit: '2024-11-20' } : {}),
        },
        context: { sasReferral: i % 8 === 0, ...(i % 13 === 0 ? { midwifeAct: 'pregnancy-follow-up' as const } : {}) },
      };
    case 2:
      return {
        kind: 'sick-leave',
        date,
        requestedDays: 1 + (i % 7),
        existingLeaveDays: i % 3,
        prescriber: { isTreatingDoctor: i % 4 === 0 },
      };
    case 3:
      return {
        kind: 'teleexpertise',
        date,
        requester: { profession: (['doctor', 'nurse', 'pharmacist', 'midwife'] as const)[i % 4]! },
        expert: { profession: i % 5 === 0 ? 'midwife' : 'doctor' },
        patient: { teleexpertisesThisYear: i % 6 },
      };
    case 4:
      return i % 2 === 0
        ? { kind: 'assistance', date, assistant: 'nurse', setting: (['planned-care', 'dedicated-place', 'home-visit'] as const)[i % 3]! }
        : { kind: 'assistance', date, assistant: 'pharmacist', ...(i % 3 === 0 ? { feeChargedToPatient: 5 } : {}) };
    case 5:
      return {
        kind: 'telemonitoring',
        date,
        indication: (['heart-failure', 'diabetes', 'respiratory-failure', 'cardiac-implant', 'renal-failure', 'oncology'] as const)[i % 6]!,
        level: (['standard', 'enhanced-1', 'enhanced-2'] as const)[i % 3]!,
        patient: { age: 10 + (i % 80) },
        monthsSincePrescription: 1 + (i % 14),
        monthsAtCurrentLevel: 1 + (i % 13),
        adherence: { month: 1 + (i % 3), transmissionRate: (i % 10) / 10 },
      };
    default:
      return i % 3 === 0
        ? { kind: 'identifier', system: 'nir', value: i % 2 === 0 ? '1 57 01 67 482 145 62' : '157016748214561' }
        : i % 3 === 1
          ? { kind: 'identifier', system: 'rpps', value: '10005173140' }
          : { kind: 'activity-cap', date, specialty: SPECIALTIES[i % SPECIALTIES.length]!, teleconsultationShare: (i % 50) / 100 };
  }
}

const requests = Array.from({ length: REQUESTS }, (_, i) => buildRequest(i));

function runOnce(): number {
  const start = performance.now();
  let reasons = 0;
  for (const request of requests) reasons += evaluate(request).reasons.length;
  const elapsed = performance.now() - start;
  if (reasons === 0) throw new Error('the engine gave no reasons at all');
  return elapsed;
}

for (let i = 0; i < 3; i++) runOnce();
const best = Math.min(...Array.from({ length: RUNS }, runOnce));

process.stdout.write(
  JSON.stringify({
    bench: 'rules.evaluate',
    requests: REQUESTS,
    ms: Math.round(best * 10) / 10,
    perSecond: Math.round((REQUESTS / best) * 1000),
  }) + '\n',
);
