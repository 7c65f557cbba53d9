import { ASSISTANCE_SETTINGS } from '@parcours/domain';
import { z } from 'zod';
import { line, name } from '../../platform/http/text.js';
import { ASSISTANT_KINDS, MEASUREMENT_KINDS, PLACES, PROFESSIONS } from './assist-tables.js';

// Bodies and replies of the assisted teleconsultation's routes: every string bounded, unknown fields refused.

const Id = z.uuid();
const Instant = z.string().describe('ISO 8601 instant');
/** An invitation link's token as the page sends it back (never in an address the server logs). */
const Token = z
  .string()
  .min(20)
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/);

export const AssistantKind = z.enum(ASSISTANT_KINDS);
export const Profession = z.enum(PROFESSIONS);
export const Place = z.enum(PLACES);
export const Setting = z.enum(ASSISTANCE_SETTINGS);

export const InvitationRequest = z
  .object({
    kind: AssistantKind.describe('An assisting professional, a relative, an interpreter'),
    email: z.email().max(254).optional().describe('Where to send the link (the mail carries the link alone, no health data)'),
  })
  .strict();

export const Invitation = z.object({
  id: Id,
  kind: AssistantKind,
  link: z.string().describe('The single-use link: shown once, stored only hashed'),
  expiresAt: Instant,
  emailed: z.boolean(),
});

export const Assistant = z.object({
  id: Id,
  kind: AssistantKind,
  /** pending: the link was not opened yet; joined: opened (it cannot be used again); expired or withdrawn. */
  status: z.enum(['pending', 'joined', 'expired', 'withdrawn']),
  invitedAs: z.enum(['patient', 'practitioner']),
  expiresAt: Instant,
  joinedAt: Instant.nullable(),
  name: z.string().nullable(),
  profession: Profession.nullable(),
  rpps: z.string().nullable(),
  place: Place.nullable(),
  setting: Setting.nullable(),
  /** The room's peer name of this assistant (`assistant:<id>`), to name their video. */
  subject: z.string(),
});
export const Assistants = z.array(Assistant);

export const InvitationParams = z.object({ appointmentId: Id, invitationId: Id }).strict();

export const InvitationCheck = z.object({ token: Token }).strict();
export const InvitationInfo = z.object({
  kind: AssistantKind,
  expiresAt: Instant,
  information: z.object({ version: z.string(), text: z.string() }).describe('What the assistant accepts before joining'),
});

const Name = name(100);
export const RedeemRequest = z
  .object({
    token: Token,
    name: Name.describe('The assistant’s name, as the others will see it'),
    profession: Profession.optional().describe('Required of a professional'),
    rpps: z
      .string()
      .regex(/^[0-9]{11}$/)
      .optional()
      .describe('RPPS number (11 digits), if the professional has one'),
    place: Place.optional(),
    setting: Setting.optional().describe('A nurse: planned care (TLS), a dedicated place (TLL) or a home visit (TLD)'),
    informationVersion: z.string().min(1).max(20).describe('The version of the information accepted'),
  })
  .strict();

export const AssistSession = z.object({
  credential: z.string().describe('Sent back as `Authorization: Bearer …` until the link’s expiry; shown once'),
  assistantId: Id,
  expiresAt: Instant,
});

export const AssistVisit = z.object({
  appointmentId: Id,
  state: z.enum(['not-checked-in', 'waiting', 'postponed', 'admitted', 'cancelled', 'ended']),
  startsAt: Instant,
  endsAt: Instant,
  expiresAt: Instant,
  practitioner: z.object({ id: Id, name: z.string() }),
  assistant: z.object({ id: Id, kind: AssistantKind, name: z.string(), profession: Profession.nullable(), subject: z.string() }),
});

/** Bounded wide: the domain checks each kind's possible range in its unit, and names the field. */
const Value = z.number().min(-1_000_000).max(1_000_000);
const Common = {
  identifier: z
    .string()
    .min(8)
    .max(100)
    .regex(/^[A-Za-z0-9_.:-]+$/)
    .describe('Chosen by the page: a retry carries the same one and is stored once'),
  unit: z.string().min(1).max(20).describe('UCUM (Cel, mm[Hg], /min, %, kg, mg/dL, mmol/L…) or a common spelling'),
  source: z.enum(['typed', 'bluetooth']),
  effective: Instant.max(40).optional().describe('When it was measured (default: now)'),
  device: line({ max: 100 }).optional().describe('The Bluetooth device’s name'),
};
export const MeasurementRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('bloodPressure'), systolic: Value, diastolic: Value, ...Common }).strict(),
  z
    .object({ kind: z.enum(MEASUREMENT_KINDS.filter((k) => k !== 'bloodPressure') as ['bodyTemperature']), value: Value, ...Common })
    .strict(),
]);

export const Measurement = z.object({
  id: Id,
  kind: z.enum(MEASUREMENT_KINDS),
  value: z.number().nullable(),
  systolic: z.number().nullable(),
  diastolic: z.number().nullable(),
  unit: z.string().describe('The canonical unit the value was converted to'),
  source: z.enum(['typed', 'bluetooth']),
  effectiveAt: Instant,
  sharedAt: Instant,
  assistant: z.object({ id: Id, name: z.string(), profession: Profession.nullable() }),
  observation: z.record(z.string(), z.unknown()).describe('The FHIR R4 Observation stored in the record'),
});
export const Measurements = z.array(Measurement);
