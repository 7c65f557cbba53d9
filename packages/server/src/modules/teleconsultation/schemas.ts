import { SEVERITIES } from '@parcours/domain';
import { z } from 'zod';
import { prose } from '../../platform/http/text.js';

// Bodies, params and replies of the teleconsultation routes: every string bounded, unknown fields refused.

const Id = z.uuid();
const Instant = z.string().describe('ISO 8601 instant');
/** Free text of at most `max` characters (the bound stated first, so that the OpenAPI document shows it). */
const Note = (max: number) => z.string().max(max).pipe(prose({ max }));

export const AppointmentParams = z.object({ appointmentId: Id }).strict();

const AUDIO_ONLY_REASONS = ['chosen', 'camera-failed', 'poor-quality'] as const;

export const VisitStateName = z.enum(['not-checked-in', 'waiting', 'postponed', 'admitted', 'cancelled', 'ended']);
export const Outcome = z.enum(['completed', 'reoriented', 'interrupted']);

export const Visit = z.object({
  appointmentId: Id,
  patientId: Id,
  practitioner: z.object({ id: Id, name: z.string() }),
  /** In which capacity the caller sees it. */
  role: z.enum(['patient', 'practitioner']),
  startsAt: Instant,
  endsAt: Instant,
  checkInOpensAt: Instant.describe('15 minutes before the start'),
  state: VisitStateName,
  checkedInAt: Instant.nullable(),
  stateChangedAt: Instant.nullable(),
  postponedUntil: Instant.nullable(),
  notice: z.string().nullable().describe('What the practitioner said on postponing or cancelling'),
  outcome: Outcome.nullable(),
  incidentNote: z.string().nullable(),
  estimatedWaitMinutes: z.number().int().nullable().describe('While waiting: an approximate wait, from the slots ahead'),
  audioOnly: z
    .object({ at: Instant, reason: z.enum(AUDIO_ONLY_REASONS) })
    .nullable()
    .describe('Since when the call went on in audio alone, and why: billing may treat it as a telephone act'),
});

export const AudioOnlyRequest = z.object({ reason: z.enum(AUDIO_ONLY_REASONS) }).strict();

export const WaitingPatient = z.object({
  appointmentId: Id,
  patient: z.object({ id: Id, name: z.string() }),
  startsAt: Instant,
  endsAt: Instant,
  state: z.enum(['waiting', 'postponed', 'admitted']),
  checkedInAt: Instant,
  stateChangedAt: Instant,
  postponedUntil: Instant.nullable(),
  triage: z
    .object({ severity: z.enum(SEVERITIES), flags: z.array(z.string()), outcome: z.string() })
    .nullable()
    .describe('The pre-consultation questionnaire’s severity and flags, when answered'),
});
export const WaitingRoom = z.object({ patients: z.array(WaitingPatient) });

export const PostponeRequest = z
  .object({
    minutes: z.number().int().min(5).max(120).describe('How much later the practitioner will receive the patient'),
    notice: Note(500).optional(),
  })
  .strict();
export const CancelRequest = z.object({ notice: Note(500).optional() }).strict();
export const EndRequest = z
  .object({
    outcome: Outcome,
    incidentNote: Note(2_000).optional().describe('A technical incident, for the report'),
  })
  .strict();

export const IceServer = z.object({ urls: z.array(z.string()), username: z.string().optional(), credential: z.string().optional() });
export const RoomToken = z.object({
  token: z.string().describe('Opens the room on the live WebSocket (`?token=`), with the same session; a few minutes'),
  topic: z.string(),
  subject: z.string(),
  expiresAt: Instant,
  iceServers: z.array(IceServer),
});

const Measure = (max: number) => z.number().min(0).max(max).nullable();
export const QualityReport = z
  .object({
    samples: z.number().int().min(1).max(100_000),
    rttMsMedian: Measure(60_000),
    rttMsMax: Measure(60_000),
    lossPercent: Measure(100),
    bitrateKbpsMedian: Measure(100_000),
    framesDecoded: z.number().int().min(0).max(1e12).nullable(),
  })
  .strict()
  .describe('Connection quality summarised from getStats() samples');
export const Quality = z.array(QualityReport.extend({ side: z.enum(['patient', 'practitioner']), reportedAt: Instant }));
