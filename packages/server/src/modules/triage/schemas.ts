import { MAX_AGE, MAX_AGE_MONTHS, OUTCOMES, SEVERITIES, SEXES } from '@parcours/domain';
import { z } from 'zod';

// Bodies, queries and replies of the triage routes. The contract's case and the answers are
// documented here and checked by the domain (`parseTriageCase`, `checkAnswers`), which names the
// question in our words (`answers.chest-pain-minutes`).

const Id = z.uuid();

/** An answer in the contract's flat form: a boolean, a number or a string (a choice's code, a text). */
export const AnswerValue = z.union([z.boolean(), z.number().min(-1_000_000).max(1_000_000), z.string().max(2_000)]);
export const Answers = z
  .record(z.string().max(100), AnswerValue)
  .describe('Answers by linkId; an item not given is not reported. Only the questionnaire’s questions.');

export const TriageCase = z
  .object({
    patient: z.object({ age: z.number().int().min(0).max(MAX_AGE), sex: z.enum(SEXES).optional() }).strict(),
    ageMonths: z.number().int().min(0).max(MAX_AGE_MONTHS).optional().describe('For infants: takes precedence over age'),
    answers: Answers,
  })
  .strict();

export const Orientation = z.object({
  outcome: z.enum(OUTCOMES),
  severity: z.enum(SEVERITIES),
  flags: z.array(z.string()).describe('For the practitioner: fever, pregnancy, interpreter-needed…'),
  reasons: z.array(z.string()).describe('Reason codes, each with a sentence in French and English in the questionnaire’s rules'),
});

export const Reason = z.object({
  code: z.string(),
  fr: z.string(),
  en: z.string(),
  numbers: z.array(z.string()).optional().describe('For the 15: 15, 112, 114 (and 3114 for suicidal thoughts)'),
});

export const PatientParams = z.object({ patientId: Id }).strict();
export const ResponseParams = z.object({ patientId: Id, responseId: Id }).strict();
export const OrganisationParams = z.object({ organisationId: Id }).strict();

export const QuestionnaireQuery = z.object({ organisationId: Id.optional() }).strict();

export const SubmitResponse = z
  .object({
    runId: Id.describe('The questionnaire run, from its start: ties the answers to the funnel'),
    questionnaireId: Id.optional().describe('The organisation’s copy answered; the default questionnaire when absent'),
    organisationId: Id.optional().describe('The organisation the patient consults (its copy is used when it has one)'),
    answers: Answers,
  })
  .strict();

export const LinkAppointment = z.object({ appointmentId: Id }).strict();

export const ResponsesQuery = z.object({ limit: z.coerce.number().int().min(1).max(50).default(10) }).strict();

export const TriageResponse = z.object({
  id: Id,
  runId: Id,
  patientId: Id,
  organisationId: Id.nullable(),
  questionnaire: z.object({ id: Id.nullable(), url: z.string(), version: z.string() }),
  answers: z.record(z.string(), z.union([z.boolean(), z.number(), z.string()])),
  orientation: Orientation,
  reasons: z.array(Reason),
  appointmentId: Id.nullable(),
  createdAt: z.string(),
});

export const AppointmentOrientationsQuery = z
  .object({
    ids: z
      .string()
      .max(200 * 37)
      .describe('Appointment ids, comma-separated (at most 200)'),
  })
  .strict();

export const AppointmentOrientation = TriageResponse.extend({ appointmentId: Id });

export const FunnelEventBody = z
  .object({
    runId: Id,
    event: z.enum(['started', 'abandoned']).describe('Oriented, booked, seen and reoriented are recorded by the server'),
    step: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[a-z0-9-]+$/)
      .optional()
      .describe('The group the patient left at (its linkId)'),
    organisationId: Id.optional(),
  })
  .strict();

export const FunnelQuery = z.object({ days: z.coerce.number().int().min(1).max(366).default(30) }).strict();

export const Funnel = z.object({
  since: z.string(),
  runs: z.record(z.string(), z.number()).describe('Runs by event: started, abandoned, oriented, booked, seen, reoriented'),
  oriented: z.record(z.string(), z.number()).describe('Runs by outcome reached'),
  abandonedAt: z.record(z.string(), z.number()).describe('Runs abandoned, by step'),
});

/** A questionnaire with its rules, as JSON: checked by the domain, which names what is wrong. */
export const TriageQuestionnaireBody = z
  .object({
    questionnaire: z.record(z.string().max(100), z.unknown()).describe('A FHIR R4 Questionnaire holding every safety item of the contract'),
    orientation: z.record(z.string().max(100), z.unknown()).describe('{ rules: [...], reasons: {...} }'),
  })
  .strict();

export const QuestionnaireReply = z.object({
  id: Id.nullable().describe('The organisation’s copy; null for the default questionnaire'),
  organisationId: Id.nullable(),
  version: z.string(),
  triage: z.object({ questionnaire: z.record(z.string(), z.unknown()), orientation: z.record(z.string(), z.unknown()) }),
});
