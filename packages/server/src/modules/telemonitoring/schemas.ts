import { ALERT_LEVELS, INDICATIONS, READING_KINDS } from '@parcours/domain';
import { z } from 'zod';
import { isoDate, isoDateTime, line, prose } from '../../platform/http/text.js';

// Bodies, queries and replies of the telemonitoring routes. What a device sends (FHIR R4
// Observations, Bundles, NDJSON) is documented here and checked by the domain's parser, which names
// the field in FHIR terms (`entry[2].resource.valueQuantity.value`).

const Id = z.uuid();
const Message = z.object({ fr: z.string(), en: z.string() });

export const PatientParams = z.object({ patientId: Id }).strict();
export const EnrolmentParams = z.object({ patientId: Id, enrolmentId: Id }).strict();
export const DeviceParams = z.object({ patientId: Id, deviceId: Id }).strict();
export const AlertParams = z.object({ patientId: Id, alertId: Id }).strict();

/** A threshold of a rule, as the operator adjusts it: the domain checks it further (levels, bounds). */
const ThresholdStep = z
  .object({
    level: z.enum(ALERT_LEVELS),
    component: z.enum(['value', 'systolic', 'diastolic']).optional(),
    below: z.number().min(-10_000).max(10_000).optional(),
    above: z.number().min(-10_000).max(10_000).optional(),
  })
  .strict();

const Setting = z.number().min(0).max(10_000);
export const RuleOverride = z
  .object({
    enabled: z.boolean().optional(),
    level: z.enum(ALERT_LEVELS).optional(),
    steps: z.array(ThresholdStep).max(10).optional(),
    lookbackHours: Setting.optional(),
    withinHours: Setting.optional(),
    rise: Setting.optional(),
    fall: Setting.optional(),
    risePerHour: Setting.optional(),
    fallPerHour: Setting.optional(),
    low: Setting.optional(),
    high: Setting.optional(),
    minPercent: z.number().min(0).max(100).optional(),
    overDays: Setting.optional(),
    minReadings: Setting.optional(),
    maxAbove: Setting.optional(),
    warningAfterHours: Setting.optional(),
    urgentAfterHours: Setting.optional(),
  })
  .strict();

export const Overrides = z
  .object({
    rules: z.record(z.string().max(100), RuleOverride).optional().describe('By rule id: only the settings the rule has'),
    parameters: z
      .object({
        dryWeightKg: z.number().min(0).max(1_000).optional().describe('Renal failure: the weight the reference rule compares with'),
      })
      .strict()
      .optional(),
  })
  .strict();

export const LEVELS = ['standard', 'enhanced-1', 'enhanced-2'] as const;
export const OPERATOR_KINDS = ['doctor', 'team', 'structure'] as const;

/** Who operates, as the ARS knows it: the declaration (démarches-simplifiées) opens the right to bill. */
export const Operator = z
  .object({
    kind: z.enum(OPERATOR_KINDS).describe('A doctor alone, a private multi-professional team, or a care structure'),
    arsDeclaration: line({ max: 100 }).nullable().describe('The reference of the declaration to the ARS; null while not declared'),
  })
  .strict();

/** What the rules engine is asked before enrolment: the programme, its level, the operator. */
export const EligibilityBody = z
  .object({
    programme: z.enum(INDICATIONS),
    level: z.enum(LEVELS).default('standard').describe('The operator forfait’s level; enhanced for complex heart failure or diabetes'),
    operator: Operator,
    startsOn: isoDate().optional().describe('The prescription’s first day (today when absent)'),
  })
  .strict();

export const EnrolBody = EligibilityBody.extend({
  organisationId: Id.optional().describe('Where the practitioner operates it; their only care organisation when absent'),
  months: z.number().int().min(1).max(12).default(12).describe('At most one year, renewable'),
  overrides: Overrides.optional(),
  patientInformed: z
    .literal(true)
    .describe(
      'The patient was told that telemonitoring is not an emergency service: data is read at set times; in an emergency, call the 15',
    ),
}).strict();

const Explained = z.object({ code: z.string(), text: z.string() });

/** The rules engine's `telemonitoring` decision, explained in the caller's language. */
export const Eligibility = z.object({
  eligible: z.boolean(),
  prescribable: z.boolean().describe('Whether enrolment is allowed: not when the patient is not eligible or the prescriber not qualified'),
  billable: z.boolean(),
  operatorFee: z.number().nullable(),
  technicalFee: z.number().nullable(),
  reasons: z.array(Explained),
  warnings: z.array(Explained),
});

export const DeviceBody = z.object({ label: line({ max: 100 }) }).strict();
export const RevokeBody = z.object({}).strict();
export const AcknowledgeBody = z.object({}).strict();
export const SnoozeBody = z
  .object({ minutes: z.number().int().min(1).max(10_080).describe('A step of the alert level’s ladder') })
  .strict();
// The bound is stated before prose's transform too: the OpenAPI document shows the input's schema.
export const ResolveBody = z
  .object({
    note: z
      .string()
      .max(1_000)
      .pipe(prose({ max: 1_000 })),
  })
  .strict();

/** A reading typed in by the patient or their carer; `identifier` makes a double tap count once. */
export const ManualReading = z
  .object({
    identifier: Id.describe('Chosen by the client for this reading: sending it again changes nothing'),
    kind: z.enum(READING_KINDS),
    value: z.number().min(0).max(10_000).optional().describe('Every kind but blood pressure'),
    systolic: z.number().min(0).max(1_000).optional(),
    diastolic: z.number().min(0).max(1_000).optional(),
    unit: line({ max: 20 }).describe('UCUM code or a common spelling: kg, %, /min, mm[Hg], mg/dL, mmol/L, Cel…'),
    effective: isoDateTime().describe('When it was measured, with its offset'),
  })
  .strict();

/** The oncology symptom questionnaire answered by the patient (or their carer), in the triage format's flat answers. */
export const SymptomsBody = z
  .object({
    identifier: Id.describe('Chosen by the client for this questionnaire: sending it again changes nothing'),
    answers: z
      .record(z.string().max(100), z.union([z.boolean(), z.number(), z.string().max(2_000)]))
      .describe('By linkId of the questionnaire (ONCOLOGY_QUESTIONNAIRE): a boolean, a number or a choice’s code'),
    answeredAt: isoDateTime().optional().describe('When it was answered, with its offset (now when absent)'),
  })
  .strict();

const SymptomFinding = z.object({ symptom: z.string(), grade: z.number().int(), message: Message });

/** A questionnaire's score: the highest grade (0–3), the level it raises, the symptoms behind it. */
export const SymptomReport = z.object({
  identifier: z.string(),
  answeredAt: z.string(),
  grade: z.number().int(),
  level: z.enum(ALERT_LEVELS).nullable().describe('The alert level the programme’s default rule gives this grade; null for grade 0'),
  findings: z.array(SymptomFinding).describe('The symptoms graded 1 or more, the most severe first'),
});

export const SymptomsReply = SymptomReport.extend({
  created: z.boolean().describe('False when this identifier was already received: nothing changed'),
});

export const ReadingsQuery = z.object({ days: z.coerce.number().int().min(1).max(366).default(30) }).strict();

// ——— Device ingestion (documented; parsed by the domain) ———

export const ObservationBody = z
  .looseObject({ resourceType: z.literal('Observation') })
  .describe(
    'A FHIR R4 Observation (TLSVObservation / mesures de santé): status, code (LOINC), effective[x], value or components, identifier',
  );
export const BundleBody = z
  .looseObject({ resourceType: z.literal('Bundle'), type: z.enum(['batch', 'transaction']) })
  .describe('A FHIR R4 batch or transaction Bundle of Observations (at most 5,000 entries)');
export const NdjsonBody = z
  .string()
  .max(16_000_000)
  .describe('One FHIR R4 Observation per line (application/x-ndjson, at most 10,000 lines)');

const FieldError = z.object({ field: z.string(), code: z.string(), message: z.string() });

export const IngestSummary = z.object({
  created: z.number().int().describe('Readings new to the patient'),
  unchanged: z.number().int().describe('Readings already received (same identifier): nothing changed'),
  refused: z.array(z.object({ index: z.number().int(), errors: z.array(FieldError) })).describe('By line (0-based), each field named'),
});

/** The FHIR answer to a batch or transaction (entries in the order sent). */
export const BundleResponse = z.looseObject({ resourceType: z.literal('Bundle'), type: z.string() });
export const ObservationReply = z.looseObject({ resourceType: z.literal('Observation') });

// ——— Replies ———

export const Reading = z.object({
  identifier: z.string(),
  kind: z.enum(READING_KINDS),
  value: z.number().nullable(),
  systolic: z.number().nullable(),
  diastolic: z.number().nullable(),
  unit: z.string(),
  effective: z.string(),
  at: z.string(),
  source: z.enum(['device', 'patient', 'practitioner']),
  interpretation: z.string().nullable().describe('v3-ObservationInterpretation: N, H, L, A, HH, LL, AA'),
});

export const Alert = z.object({
  id: Id,
  patientId: Id,
  enrolmentId: Id,
  ruleId: z.string(),
  ruleType: z.string(),
  reason: z.string(),
  level: z.enum(ALERT_LEVELS),
  direction: z.enum(['high', 'low']).nullable(),
  state: z.enum(['open', 'acknowledged', 'snoozed', 'resolved']),
  since: z.string(),
  lastEvidenceAt: z.string(),
  observed: z.number().nullable(),
  message: Message,
  snoozedUntil: z.string().nullable(),
  nextSnoozeMinutes: z.array(z.number()).describe('The ladder of this level'),
  acknowledgedAt: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  resolutionNote: z.string().nullable(),
  createdAt: z.string(),
});

const RuleView = z.object({
  id: z.string(),
  type: z.string(),
  enabled: z.boolean(),
  reading: z.enum(READING_KINDS).nullable(),
  level: z.enum(ALERT_LEVELS).nullable(),
  /** The lines a chart draws: a threshold's bounds, or a reference. */
  lines: z.array(z.object({ value: z.number(), level: z.enum(ALERT_LEVELS), component: z.string().nullable() })),
  settings: z.record(z.string(), z.unknown()),
});

export const Device = z.object({
  id: Id,
  enrolmentId: Id,
  label: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export const NewDevice = Device.extend({
  token: z.string().describe('Shown once: the device sends it as `Authorization: Bearer <token>`'),
});

export const Enrolment = z.object({
  id: Id,
  patientId: Id,
  organisationId: Id,
  programme: z.enum(INDICATIONS),
  name: Message,
  startsAt: z.string(),
  endsAt: z.string(),
  endedAt: z.string().nullable(),
  expected: z.array(z.object({ reading: z.enum(READING_KINDS), everyHours: z.number() })),
  rules: z.array(RuleView),
  overrides: z.unknown(),
  parameters: z.object({ dryWeightKg: z.number().optional() }),
  level: z.enum(LEVELS),
  operator: z.object({ kind: z.enum(OPERATOR_KINDS), arsDeclaration: z.string().nullable() }),
  patientInformedAt: z.string().nullable(),
  eligibility: Eligibility.nullable().describe('The rules’ decision on the day of enrolment'),
});

export const Monitoring = z.object({
  patientId: Id,
  enrolments: z.array(Enrolment),
  devices: z.array(Device).describe('For the care team only; empty for the patient'),
  readings: z.array(Reading),
  alerts: z.array(Alert),
  symptomReports: z.array(SymptomReport).describe('The symptom questionnaires of the period, the latest first (at most 20)'),
});

export const DashboardPatient = z.object({
  patientId: Id,
  name: z.string(),
  programmes: z.array(z.enum(INDICATIONS)),
  lastReadingAt: z.string().nullable(),
  topLevel: z.enum(ALERT_LEVELS).nullable(),
  openAlerts: z.object({ info: z.number(), warning: z.number(), urgent: z.number() }),
  alerts: z.array(Alert),
});
export const Dashboard = z.object({ organisationIds: z.array(Id), patients: z.array(DashboardPatient) });

export const ReportQuery = z
  .object({
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
      .describe('YYYY-MM, Paris time'),
    format: z.enum(['json', 'csv']).optional().describe('csv: the same lines as text/csv, for the billing office'),
  })
  .strict();

export const MonthlyReport = z.object({
  month: z.string(),
  rows: z.array(
    z.object({
      enrolmentId: Id,
      patientId: Id,
      name: z.string(),
      programme: z.enum(INDICATIONS),
      level: z.enum(LEVELS),
      monthOfPrescription: z.number().int().describe('1 for the month the prescription started in'),
      expectedPeriods: z.number().int(),
      periodsWithData: z.number().int(),
      transmissionRate: z.number().nullable().describe('0–1; null when nothing was expected that month'),
      billable: z.boolean(),
      operatorFee: z.number().nullable(),
      technicalFee: z.number().nullable(),
      reasons: z.array(Explained),
    }),
  ),
  totals: z.object({ patients: z.number().int(), billable: z.number().int(), operatorFees: z.number(), technicalFees: z.number() }),
});
