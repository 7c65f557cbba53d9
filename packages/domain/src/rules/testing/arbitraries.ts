// Test support: fast-check arbitraries of well-formed rules requests of every kind, optional
// fields present or left out, dates mostly around the dated rules (2015–2027). Used by the tests only.
import fc from 'fast-check';
import {
  ASSISTANCE_SETTINGS,
  COVERAGES,
  INDICATIONS,
  MIDWIFE_ACTS,
  MONITORING_LEVELS,
  REQUESTER_PROFESSIONS,
  RESIDENCES,
  SPECIALTIES,
  TREATING_DOCTOR_STATUSES,
  type ActivityCapRequest,
  type AssistanceRequest,
  type IdentifierRequest,
  type RulesRequest,
  type SickLeaveRequest,
  type TeleconsultationRequest,
  type TeleexpertiseRequest,
  type TelemonitoringRequest,
} from '../types.js';

const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2015, 0, 1) / DAY_MS;
const LAST_DAY = Date.UTC(2027, 11, 31) / DAY_MS;

const EARLIEST_DAY = Date.UTC(1900, 0, 1) / DAY_MS;
const LATEST_DAY = Date.UTC(2199, 11, 31) / DAY_MS;

export const isoDate = (firstDay = FIRST_DAY, lastDay = LAST_DAY): fc.Arbitrary<string> =>
  fc.integer({ min: firstDay, max: lastDay }).map((day) => new Date(day * DAY_MS).toISOString().slice(0, 10));

/** Mostly days around the dated rules, sometimes any day the engine accepts (1900–2199). */
const actDate: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: isoDate(), weight: 9 },
  { arbitrary: isoDate(EARLIEST_DAY, LATEST_DAY), weight: 1 },
);

export const wallTime: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);

/** Euro amounts in cents, as a client would send them. */
const euros = (max: number): fc.Arbitrary<number> => fc.integer({ min: 0, max: max * 100 }).map((cents) => cents / 100);
const age = fc.integer({ min: 0, max: 130 });
const specialty = fc.constantFrom(...SPECIALTIES);

export const teleconsultationRequest: fc.Arbitrary<TeleconsultationRequest> = fc.record(
  {
    kind: fc.constant('teleconsultation' as const),
    date: actDate,
    time: wallTime,
    modality: fc.constantFrom('video' as const, 'phone' as const),
    completed: fc.boolean(),
    practitioner: fc.record(
      {
        profession: fc.constantFrom('doctor' as const, 'midwife' as const),
        specialty,
        sector: fc.constantFrom(1 as const, 2 as const),
        optam: fc.boolean(),
        isTreatingDoctor: fc.boolean(),
        local: fc.boolean(),
        company: fc.record({ approved: fc.boolean() }),
      },
      { requiredKeys: ['profession'] },
    ),
    patient: fc.record(
      {
        age,
        treatingDoctor: fc.constantFrom(...TREATING_DOCTOR_STATUSES),
        residence: fc.constantFrom(...RESIDENCES),
        livesInZip: fc.boolean(),
        coverage: fc.subarray([...COVERAGES]),
        pregnancyMonth: fc.integer({ min: 1, max: 9 }),
        participationsPaidThisYear: euros(60),
        lastInPersonVisit: actDate,
      },
      { requiredKeys: ['age'] },
    ),
    context: fc.record(
      {
        emergency: fc.boolean(),
        sasReferral: fc.boolean(),
        midwifeAct: fc.constantFrom(...MIDWIFE_ACTS),
        feeCharged: euros(80),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['kind', 'date', 'modality', 'practitioner', 'patient'] },
);

export const sickLeaveRequest: fc.Arbitrary<SickLeaveRequest> = fc.record(
  {
    kind: fc.constant('sick-leave' as const),
    date: actDate,
    prescriber: fc.record({ isTreatingDoctor: fc.boolean(), isReferenceMidwife: fc.boolean() }, { requiredKeys: [] }),
    requestedDays: fc.integer({ min: 1, max: 60 }),
    existingLeaveDays: fc.integer({ min: 0, max: 10 }),
    patientJustifiesNoInPersonAccess: fc.boolean(),
  },
  { requiredKeys: ['kind', 'date', 'requestedDays'] },
);

export const teleexpertiseRequest: fc.Arbitrary<TeleexpertiseRequest> = fc.record(
  {
    kind: fc.constant('teleexpertise' as const),
    date: actDate,
    requester: fc.record({ profession: fc.constantFrom(...REQUESTER_PROFESSIONS) }),
    expert: fc.record({ profession: fc.constantFrom('doctor' as const, 'midwife' as const) }),
    patient: fc.record({ teleexpertisesThisYear: fc.integer({ min: 0, max: 8 }) }, { requiredKeys: [] }),
  },
  { requiredKeys: ['kind', 'date', 'requester', 'expert'] },
);

export const assistanceRequest: fc.Arbitrary<AssistanceRequest> = fc.record(
  {
    kind: fc.constant('assistance' as const),
    date: actDate,
    assistant: fc.constantFrom('nurse' as const, 'pharmacist' as const),
    setting: fc.constantFrom(...ASSISTANCE_SETTINGS),
    feeChargedToPatient: euros(20),
  },
  { requiredKeys: ['kind', 'date', 'assistant'] },
);

export const telemonitoringRequest: fc.Arbitrary<TelemonitoringRequest> = fc.record(
  {
    kind: fc.constant('telemonitoring' as const),
    date: actDate,
    indication: fc.constantFrom(...INDICATIONS),
    level: fc.constantFrom(...MONITORING_LEVELS),
    patient: fc.record({ age }),
    prescriber: fc.record({ specialty, rhythmologyCompetent: fc.boolean() }, { requiredKeys: [] }),
    operator: fc.record({ declaredToArs: fc.boolean() }, { requiredKeys: [] }),
    monthsSincePrescription: fc.integer({ min: 1, max: 24 }),
    monthsAtCurrentLevel: fc.integer({ min: 1, max: 24 }),
    adherence: fc.record({ month: fc.integer({ min: 1, max: 12 }), transmissionRate: fc.double({ min: 0, max: 1, noNaN: true }) }),
  },
  { requiredKeys: ['kind', 'date', 'indication', 'patient'] },
);

/** Identifiers: random strings, and real-looking NIR, RPPS and FINESS with right or wrong keys. */
const digits = (length: number): fc.Arbitrary<string> =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((ds) => ds.join(''));

export const identifierRequest: fc.Arbitrary<IdentifierRequest> = fc.oneof(
  fc.record({
    kind: fc.constant('identifier' as const),
    system: fc.constantFrom('nir' as const, 'rpps' as const, 'finess' as const),
    value: fc.string({ maxLength: 20 }),
  }),
  fc
    .tuple(digits(5), fc.constantFrom('2A', '2B', '75', '13', '97'), digits(6), fc.boolean(), fc.boolean())
    .map(([head, departement, tail, rightKey, spaced]) => {
      const first13 = head + departement + tail;
      const n = Number(first13.replace('2A', '19').replace('2B', '18'));
      const key = String(rightKey ? 97 - (n % 97) : ((97 - (n % 97)) % 97) + 1).padStart(2, '0');
      const value = spaced
        ? `${first13.slice(0, 1)} ${first13.slice(1, 3)} ${first13.slice(3, 5)} ${first13.slice(5, 7)} ${first13.slice(7)} ${key}`
        : first13 + key;
      return { kind: 'identifier' as const, system: 'nir' as const, value };
    }),
  digits(11).map((value) => ({ kind: 'identifier' as const, system: 'rpps' as const, value })),
  fc
    .tuple(fc.constantFrom('01', '2A', '2B', '75', '97', '20', '99'), digits(7))
    .map(([departement, rest]) => ({ kind: 'identifier' as const, system: 'finess' as const, value: departement + rest })),
);

export const activityCapRequest: fc.Arbitrary<ActivityCapRequest> = fc.record({
  kind: fc.constant('activity-cap' as const),
  date: actDate,
  specialty,
  teleconsultationShare: fc.double({ min: 0, max: 1, noNaN: true }),
});

export const rulesRequest: fc.Arbitrary<RulesRequest> = fc.oneof(
  teleconsultationRequest,
  sickLeaveRequest,
  teleexpertiseRequest,
  assistanceRequest,
  telemonitoringRequest,
  identifierRequest,
  activityCapRequest,
);
