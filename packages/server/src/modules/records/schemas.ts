import { z } from 'zod';
import { isoDate, line, prose as normalizedProse } from '../../platform/http/text.js';
import { REPORT_TEMPLATE_IDS } from './templates.js';

// Bodies, params and replies of the records routes (OpenAPI comes from them).

const Id = z.uuid();

/** Prose, bounded as sent too: the OpenAPI document (and a client) sees the maximum before the normalising transform. */
const prose = ({ min = 1, max }: { min?: number; max: number }) => z.string().max(max).pipe(normalizedProse({ min, max }));

export const AppointmentParams = z.object({ appointmentId: Id }).strict();
export const ReportParams = z.object({ reportId: Id }).strict();
export const PrescriptionParams = z.object({ reportId: Id, prescriptionId: Id }).strict();
export const DocumentParams = z.object({ documentId: Id }).strict();
export const FileParams = z.object({ fileId: Id }).strict();
export const MessageParams = z.object({ messageId: Id }).strict();
export const PatientParams = z.object({ patientId: Id }).strict();
/** The number printed on a prescription or a notice, as a pharmacist types it (case aside). */
export const VerifyParams = z
  .object({
    number: z
      .string()
      .max(20)
      .transform((value) => value.toUpperCase())
      .pipe(z.string().regex(/^[A-Z]{2}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)),
  })
  .strict();

// ——— The report ———

export const ReportDraft = z
  .object({
    template: z.enum(REPORT_TEMPLATE_IDS).optional(),
    narrative: prose({ min: 0, max: 20_000 }).optional().describe('The report of the act (R.6316-4 1°)'),
    acts: prose({ min: 0, max: 4_000 }).optional().describe('The acts performed (R.6316-4 2°)'),
    participants: prose({ min: 0, max: 2_000 }).optional().describe('Other professionals involved, beside the author (R.6316-4 3°)'),
    incidents: prose({ min: 0, max: 4_000 }).optional().describe('Technical incidents, or “none” (R.6316-4 5°)'),
  })
  .strict();

export const AddendumBody = z.object({ text: prose({ max: 8_000 }) }).strict();

// ——— Prescriptions, after the ANS e-prescription guide's MedicationRequest ———

export const MEDICATION_ROUTES = [
  'oral',
  'sublingual',
  'cutaneous',
  'transdermal',
  'inhalation',
  'nasal',
  'ophthalmic',
  'otic',
  'rectal',
  'vaginal',
  'subcutaneous',
  'intramuscular',
  'intravenous',
] as const;
export const PERIOD_UNITS = ['h', 'd', 'wk', 'mo'] as const;
export const OTHER_PRESCRIPTION_KINDS = ['lab', 'imaging', 'nursing', 'physiotherapy'] as const;

export const MedicationItem = z
  .object({
    medication: line({ max: 200 }).describe('The medicine: international non-proprietary name, strength and form'),
    dose: z.object({ value: z.number().positive().max(10_000), unit: line({ max: 40 }) }).strict(),
    route: z.enum(MEDICATION_ROUTES),
    frequency: z
      .object({
        times: z.int().min(1).max(24),
        period: z.int().min(1).max(365),
        periodUnit: z.enum(PERIOD_UNITS),
      })
      .strict()
      .describe('`times` per `period` `periodUnit` (FHIR Timing.repeat)'),
    durationDays: z.int().min(1).max(365),
    quantity: line({ max: 100 }).describe('What to dispense: “1 boîte de 30 comprimés”'),
    instructions: prose({ min: 0, max: 1_000 }).default('').describe('Plain-text instructions for the patient'),
    substitutable: z.boolean().default(true),
  })
  .strict();

export const OtherItem = z.object({ description: line({ max: 300 }), instructions: prose({ min: 0, max: 1_000 }).default('') }).strict();

export const PrescriptionBody = z.union([
  z.object({ kind: z.literal('medication'), items: z.array(MedicationItem).min(1).max(20) }).strict(),
  z.object({ kind: z.enum(OTHER_PRESCRIPTION_KINDS), items: z.array(OtherItem).min(1).max(20) }).strict(),
]);

export const Prescription = z.object({
  id: Id,
  number: z.string(),
  kind: z.enum(['medication', ...OTHER_PRESCRIPTION_KINDS]),
  items: z.array(z.union([MedicationItem, OtherItem])),
  status: z.enum(['draft', 'issued', 'dispensed', 'cancelled']),
  issuedAt: z.string().nullable(),
});

// ——— Sick leave (arrêt de travail) ———

export const OUTINGS = ['none', 'allowed', 'free'] as const;

export const SickLeaveBody = z
  .object({
    startsOn: isoDate(),
    days: z.int().min(1).max(365),
    existingLeaveDays: z.int().min(0).max(365).default(0).describe('Days of a running leave this one extends'),
    motive: prose({ max: 2_000 }).describe('The medical motive, as the official form asks'),
    outings: z.enum(OUTINGS).describe('Sorties: none, allowed at set hours, or free'),
    isTreatingDoctor: z.boolean().default(false).describe('The prescriber is the patient’s médecin traitant'),
    isReferenceMidwife: z.boolean().default(false).describe('The prescriber is the patient’s sage-femme référente'),
    patientJustifiesNoInPersonAccess: z.boolean().default(false),
  })
  .strict();

const Explained = z.object({ code: z.string(), text: z.string() });

export const SickLeave = z.object({
  id: Id,
  number: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  days: z.int(),
  existingLeaveDays: z.int(),
  motive: z.string(),
  outings: z.enum(OUTINGS),
  status: z.enum(['draft', 'issued', 'cancelled']),
  issuedAt: z.string().nullable(),
  reasons: z.array(Explained),
});

// ——— The report's reply ———

const Named = z.object({ id: Id, name: z.string() });

export const Report = z.object({
  id: Id,
  appointmentId: Id,
  patient: Named,
  author: Named.extend({ rpps: z.string().nullable() }),
  organisation: Named,
  template: z.string(),
  actStartedAt: z.string(),
  narrative: z.string(),
  acts: z.string(),
  participants: z.string(),
  incidents: z.string(),
  triage: z
    .object({ outcome: z.string(), severity: z.string(), flags: z.array(z.string()), reasons: z.array(z.string()) })
    .nullable()
    .describe('The questionnaire’s orientation linked to the appointment, as it stood when the report was opened'),
  status: z.enum(['draft', 'signed']),
  signedAt: z.string().nullable(),
  missing: z.array(Explained).describe('What the report still lacks to be signed'),
  addenda: z.array(z.object({ version: z.int(), text: z.string(), author: z.string(), createdAt: z.string() })),
  prescriptions: z.array(Prescription),
  sickLeaves: z.array(SickLeave),
  sharedWith: z.array(z.object({ recipient: z.string(), sentAt: z.string(), readAt: z.string().nullable() })),
});

export const ReportTemplate = z.object({ id: z.string(), label: z.string(), narrative: z.string() });

export const Recipient = z.object({ id: Id, name: z.string() });

export const ShareBody = z
  .object({
    recipientAccountIds: z.array(Id).min(1).max(5),
    note: prose({ min: 0, max: 2_000 }).default(''),
  })
  .strict();

export const Message = z.object({
  id: Id,
  sender: z.string(),
  patient: Named,
  reportId: Id.nullable(),
  note: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export const MessageDetail = Message.extend({ report: Report.nullable() });

export const PatientDocument = z.object({
  id: Id,
  kind: z.enum(['report', 'prescription', 'sick-leave', 'file']),
  title: z.string(),
  author: z.string(),
  date: z.string(),
  status: z.string(),
  pdf: z.string().describe('The path of its PDF (or, for a file shared in a call, of the file)'),
  mediaType: z.enum(['application/pdf', 'image/jpeg', 'image/png', 'image/webp']).optional().describe('A shared file’s type'),
});

export const Verification = z.object({
  number: z.string(),
  kind: z.enum(['prescription', 'sick-leave']),
  status: z.enum(['issued', 'dispensed', 'cancelled']),
  issuedOn: z.string(),
});
