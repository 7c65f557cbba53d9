import { canonicalTimeZone, isDepartement, MODALITIES, SPECIALTIES, TREATING_DOCTOR_STATUSES } from '@parcours/domain';
import { z } from 'zod';

// Bodies, queries and replies of the scheduling routes. Every string is bounded, every list counted,
// unknown fields refused: a request that is not exactly one of these is a 400 naming the field.

export const Modality = z.enum(MODALITIES);
export const Departement = z
  .string()
  .max(3)
  .refine(isDepartement, { params: { code: 'unknown-departement' }, message: 'département' });

/** An IANA time zone; the reply carries its canonical spelling. */
export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .transform((name, ctx) => {
    const canonical = canonicalTimeZone(name);
    if (!canonical) {
      ctx.addIssue({ code: 'custom', message: 'IANA time zone', params: { code: 'unknown-time-zone' } });
      return z.NEVER;
    }
    return canonical;
  });

/** An instant with its offset (`2026-11-23T10:30:00+01:00`), within the years the database takes without surprise. */
export const Instant = z.iso.datetime({ offset: true }).refine(
  (value) => {
    const year = Number(value.slice(0, 4));
    return year >= 1900 && year <= 2199;
  },
  { params: { code: 'out-of-range' }, message: '1900–2199' },
);

export const Day = z.iso.date().refine((value) => value >= '1900-01-01' && value <= '2199-12-31', {
  params: { code: 'out-of-range' },
  message: '1900–2199',
});

/** A wall time `HH:MM`; `24:00` ends a day. */
export const WallTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'HH:MM');

const Id = z.uuid();

// Headers are loose: the others (cookie, accept-language…) pass through untouched.
export const IdempotencyHeaders = z.looseObject({
  'idempotency-key': z
    .string()
    .min(1)
    .max(128)
    .regex(/^[\x21-\x7E]+$/, 'printable ASCII')
    .optional()
    .describe('A key of the client’s choice: a retried booking with the same key returns the same appointment'),
});

// ——— Slot search ———

export const SlotQuery = z
  .object({
    specialty: z.enum(SPECIALTIES).optional(),
    modality: Modality.optional(),
    territory: Departement.optional().describe('A département the practitioner serves (75, 2A, 971…)'),
    practitionerId: Id.optional(),
    organisationId: Id.optional(),
    typeId: Id.optional().describe('One consultation type (to reschedule with the same practitioner)'),
    from: Day.optional().describe('First day (default: today, Europe/Paris)'),
    days: z.coerce.number().int().min(1).max(62).default(14),
    limit: z.coerce.number().int().min(1).max(1000).default(300),
  })
  .strict();

export const Offer = z.object({
  typeId: Id,
  scheduleId: Id,
  practitioner: z.object({
    id: Id,
    name: z.string(),
    profession: z.string().nullable(),
    sector: z.number().nullable(),
    optam: z.boolean(),
  }),
  organisation: z.object({ id: Id, name: z.string() }),
  site: z.object({ id: Id, name: z.string(), city: z.string().nullable() }).nullable(),
  modality: Modality,
  specialty: z.string(),
  durationMinutes: z.number(),
  feeCents: z.number().nullable().describe('The fee announced; null: the conventional tariff'),
  timeZone: z.string(),
  territory: z.array(z.string()),
});

export const SlotSearch = z.object({
  offers: z.array(Offer),
  slots: z.array(z.object({ typeId: Id, start: z.string(), end: z.string() })).describe('Earliest first'),
});

// ——— Appointments ———

export const BookRequest = z
  .object({
    patientId: Id.describe('The patient: oneself, a dependant, or (for a professional) a patient in their care'),
    typeId: Id.describe('The consultation type of the slot'),
    startsAt: Instant.describe('The slot’s start, as the search gave it'),
  })
  .strict();

const Status = z.enum(['booked', 'checked-in', 'in-progress', 'completed', 'cancelled', 'no-show', 'reoriented']);

export const Appointment = z.object({
  id: Id,
  patient: z.object({ id: Id, name: z.string() }),
  practitioner: z.object({ id: Id, name: z.string() }),
  organisation: z.object({ id: Id, name: z.string() }),
  typeId: Id,
  modality: Modality,
  startsAt: z.string(),
  endsAt: z.string(),
  timeZone: z.string(),
  wallDate: z.string().describe('The day at the site (YYYY-MM-DD)'),
  wallTime: z.string().describe('The time at the site (HH:MM)'),
  status: Status,
  bookedAt: z.string(),
  bookedAs: z.enum(['patient', 'practitioner', 'regulator']),
  joinUrl: z.string(),
  version: z.number(),
});

export const AppointmentDetail = Appointment.extend({
  history: z.array(
    z.object({
      change: z.string(),
      at: z.string(),
      byRole: z.string(),
      reason: z.string().nullable(),
      previousStartsAt: z.string().nullable(),
      startsAt: z.string(),
    }),
  ),
});

export const AppointmentParams = z.object({ appointmentId: Id }).strict();
export const PatientParams = z.object({ patientId: Id }).strict();

const Reason = z
  .string()
  .trim()
  .max(500)
  // A reason may span lines; no other control character (NUL is refused by PostgreSQL: a 500).
  // eslint-disable-next-line no-control-regex
  .refine((text) => !/[\u0000-\u0008\u000B-\u001F\u007F]/.test(text), {
    params: { code: 'control-character' },
    message: 'control character',
  });

export const CancelRequest = z.object({ reason: Reason.optional() }).strict();
export const RescheduleRequest = z.object({ startsAt: Instant, typeId: Id.optional(), reason: Reason.optional() }).strict();
export const StatusRequest = z
  .object({ status: z.enum(['checked-in', 'in-progress', 'completed', 'no-show', 'reoriented']), reason: Reason.optional() })
  .strict();

export const AgendaQuery = z.object({ from: Day, days: z.coerce.number().int().min(1).max(31).default(7) }).strict();

export const PatientAppointmentsQuery = z.object({ when: z.enum(['upcoming', 'past', 'all']).default('all') }).strict();

export const EstimateRequest = z
  .object({
    typeId: Id,
    startsAt: Instant,
    treatingDoctor: z.enum(TREATING_DOCTOR_STATUSES).describe('Did the médecin traitant refer the patient?'),
    isTreatingDoctor: z.boolean().default(false).describe('This practitioner is the patient’s médecin traitant'),
    departement: Departement.optional().describe('The patient’s département: local if the practitioner serves it'),
    concernsAld: z.boolean().default(false),
  })
  .strict();

// ——— Availability ———

const Territory = z.array(Departement).max(20);

export const ScheduleInput = z
  .object({
    organisationId: Id,
    practitionerId: Id.optional().describe('Default: oneself. An organisation’s administrator may name a practitioner of it.'),
    siteId: Id.nullable().default(null),
    timeZone: TimeZone.default('Europe/Paris'),
    territory: Territory.default([]),
  })
  .strict();

export const ScheduleUpdate = z.object({ siteId: Id.nullable(), timeZone: TimeZone, territory: Territory }).strict();

export const Opening = z
  .object({
    weekday: z.number().int().min(1).max(7).describe('ISO weekday: 1 Monday … 7 Sunday'),
    start: WallTime,
    end: WallTime,
    modalities: z.array(Modality).min(1).max(3),
  })
  .strict()
  .refine((o) => o.end > o.start, { path: ['end'], params: { code: 'end-before-start' }, message: 'end after start' });

export const WeeklyOpenings = z.object({ openings: z.array(Opening).max(70) }).strict();

export const ExceptionInput = z
  .object({
    kind: z.enum(['closed', 'open']).describe('closed: holiday, absence; open: an extra opening'),
    startsAt: Instant,
    endsAt: Instant,
    modalities: z.array(Modality).max(3).default([]),
  })
  .strict()
  .refine((e) => Date.parse(e.endsAt) > Date.parse(e.startsAt), {
    path: ['endsAt'],
    params: { code: 'end-before-start' },
    message: 'after startsAt',
  })
  .refine((e) => Date.parse(e.endsAt) - Date.parse(e.startsAt) <= 366 * 86_400_000, {
    path: ['endsAt'],
    params: { code: 'too-long' },
    message: 'a year at most',
  });

export const ConsultationTypeInput = z
  .object({
    modality: Modality,
    specialty: z.enum(SPECIALTIES),
    durationMinutes: z.number().int().min(5).max(240),
    bufferMinutes: z.number().int().min(0).max(120).default(0),
    minimumNoticeMinutes: z.number().int().min(0).max(43_200).default(60),
    horizonDays: z.number().int().min(1).max(365).default(60),
    feeCents: z.number().int().min(0).max(1_000_000).nullable().default(null),
  })
  .strict();

export const ConsultationType = z.object({
  id: Id,
  modality: Modality,
  specialty: z.string(),
  durationMinutes: z.number(),
  bufferMinutes: z.number(),
  minimumNoticeMinutes: z.number(),
  horizonDays: z.number(),
  feeCents: z.number().nullable(),
  active: z.boolean(),
});

export const Schedule = z.object({
  id: Id,
  practitioner: z.object({ id: Id, name: z.string() }),
  organisation: z.object({ id: Id, name: z.string() }),
  siteId: Id.nullable(),
  timeZone: z.string(),
  territory: z.array(z.string()),
  openings: z.array(z.object({ weekday: z.number(), start: z.string(), end: z.string(), modalities: z.array(Modality) })),
  exceptions: z.array(
    z.object({ id: Id, kind: z.enum(['closed', 'open']), startsAt: z.string(), endsAt: z.string(), modalities: z.array(Modality) }),
  ),
  types: z.array(ConsultationType),
});

export const ScheduleParams = z.object({ scheduleId: Id }).strict();
export const ExceptionParams = z.object({ scheduleId: Id, exceptionId: Id }).strict();
export const TypeParams = z.object({ scheduleId: Id, typeId: Id }).strict();
export const SchedulesQuery = z.object({ organisationId: Id.optional() }).strict();

/** A mobile number for text reminders: E.164, or a French 06/07 number written the French way. */
export const ReminderContact = z
  .object({
    mobile: z
      .string()
      .max(20)
      .transform((raw, ctx) => {
        const compact = raw.replace(/[ \u00a0\u202f.-]/g, ''); // spaces, dots, dashes: no line break or control character
        const e164 = /^0[67]\d{8}$/.test(compact) ? `+33${compact.slice(1)}` : compact;
        if (!/^\+[1-9]\d{7,14}$/.test(e164)) {
          ctx.addIssue({ code: 'custom', message: 'mobile number', params: { code: 'not-a-mobile-number' } });
          return z.NEVER;
        }
        return e164;
      })
      .nullable(),
  })
  .strict();

export const ReminderContactReply = z.object({ mobile: z.string().nullable().describe('E.164') });
