import type { Availability, AvailabilityException, WeeklyOpening } from '@parcours/domain';
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import { isAdminOf, isMemberOf } from '../../platform/auth/policy.js';
import type { ServiceDeps } from '../../platform/context.js';
import type { Db } from '../../platform/database/database.js';
import { problem } from '../../platform/http/problem.js';
import { accountNames, practitionerProfile } from '../accounts/service.js';
import { membershipsOf, organisationNames, organisationSites } from '../organisations/service.js';
import { authorizeScheduleManager } from './access.js';
import { fieldIssue } from './issues.js';
import type { ConsultationTypeInput, ExceptionInput, Schedule, ScheduleInput, ScheduleUpdate, WeeklyOpenings } from './schemas.js';
import {
  deleteException,
  exceptionsOf,
  insertException,
  insertSchedule,
  insertType,
  openingsOf,
  replaceOpenings,
  scheduleById,
  schedulesWhere,
  typesOf,
  updateSchedule,
  updateType,
  violated,
  type TypeValues,
} from './store.js';
import type { Language } from '../../platform/http/language.js';

type ScheduleView = z.infer<typeof Schedule>;

/** `HH:MM:SS` as PostgreSQL writes a time → `HH:MM`. */
export const hhmm = (time: string) => time.slice(0, 5);

/** A schedule's availability for one consultation type, as the domain computes slots from it. */
export function availabilityOf(
  schedule: { time_zone: string },
  openings: readonly { weekday: number; starts: string; ends: string; modalities: WeeklyOpening['modalities'] }[],
  exceptions: readonly { kind: 'closed' | 'open'; starts_at: Date; ends_at: Date; modalities: WeeklyOpening['modalities'] }[],
  type: {
    modality: WeeklyOpening['modalities'][number];
    duration_minutes: number;
    buffer_minutes: number;
    minimum_notice_minutes: number;
    horizon_days: number;
  },
): Availability {
  return {
    timeZone: schedule.time_zone,
    weekly: openings.map((o) => ({ weekday: o.weekday, start: hhmm(o.starts), end: hhmm(o.ends), modalities: o.modalities })),
    exceptions: exceptions.map((e): AvailabilityException => ({
      kind: e.kind,
      start: e.starts_at.getTime(),
      end: e.ends_at.getTime(),
      modalities: e.modalities,
    })),
    consultation: {
      modality: type.modality,
      durationMinutes: type.duration_minutes,
      bufferMinutes: type.buffer_minutes,
      minimumNoticeMinutes: type.minimum_notice_minutes,
      horizonDays: type.horizon_days,
    },
  };
}

/** One schedule with its openings, exceptions (to come) and types. */
async function describeSchedules(db: Db, rows: Awaited<ReturnType<typeof schedulesWhere>>): Promise<ScheduleView[]> {
  const ids = rows.map((s) => s.id);
  const now = new Date();
  const [openings, exceptions, types, names, organisations] = await Promise.all([
    openingsOf(db, ids),
    exceptionsOf(db, ids, { from: now, until: new Date('2200-01-01T00:00:00Z') }),
    typesOf(db, ids),
    accountNames(db, [...new Set(rows.map((s) => s.practitioner_account_id))]),
    organisationNames(db, [...new Set(rows.map((s) => s.organisation_id))]),
  ]);
  return rows.map((s) => ({
    id: s.id,
    practitioner: { id: s.practitioner_account_id, name: names.get(s.practitioner_account_id) ?? '' },
    organisation: { id: s.organisation_id, name: organisations.get(s.organisation_id) ?? '' },
    siteId: s.site_id,
    timeZone: s.time_zone,
    territory: s.territory,
    openings: openings
      .filter((o) => o.schedule_id === s.id)
      .map((o) => ({ weekday: o.weekday, start: hhmm(o.starts), end: hhmm(o.ends), modalities: o.modalities })),
    exceptions: exceptions
      .filter((e) => e.schedule_id === s.id)
      .map((e) => ({
        id: e.id,
        kind: e.kind,
        startsAt: e.starts_at.toISOString(),
        endsAt: e.ends_at.toISOString(),
        modalities: e.modalities,
      })),
    types: types
      .filter((t) => t.schedule_id === s.id)
      .map((t) => ({
        id: t.id,
        modality: t.modality,
        specialty: t.specialty,
        durationMinutes: t.duration_minutes,
        bufferMinutes: t.buffer_minutes,
        minimumNoticeMinutes: t.minimum_notice_minutes,
        horizonDays: t.horizon_days,
        feeCents: t.fee_cents,
        active: t.active,
      })),
  }));
}

/** The schedules an actor manages: their own, and with `organisationId`, that organisation's if they administer it. */
export async function listSchedules(deps: ServiceDeps, actor: Actor, organisationId?: string): Promise<ScheduleView[]> {
  const rows = organisationId
    ? isAdminOf(actor, organisationId)
      ? await schedulesWhere(deps.db, { organisationId })
      : await schedulesWhere(deps.db, { organisationId, practitionerId: actor.accountId })
    : await schedulesWhere(deps.db, { practitionerId: actor.accountId });
  return describeSchedules(deps.db, rows);
}

async function managedSchedule(db: Db, actor: Actor, scheduleId: string) {
  const schedule = await scheduleById(db, scheduleId);
  if (!schedule) throw problem.notFound();
  authorizeScheduleManager(actor, schedule);
  return schedule;
}

export async function readSchedule(deps: ServiceDeps, actor: Actor, scheduleId: string): Promise<ScheduleView> {
  return (await describeSchedules(deps.db, [await managedSchedule(deps.db, actor, scheduleId)]))[0]!;
}

/** A site must be one of the organisation's. */
async function checkSite(db: Db, organisationId: string, siteId: string | null, language: Language): Promise<void> {
  if (siteId === null) return;
  const sites = await organisationSites(db, organisationId);
  if (!sites.some((s) => s.id === siteId)) throw problem.validation([fieldIssue('siteId', 'unknown-site', language)]);
}

/**
 * Opens a schedule: a practitioner for themself in an organisation they practise in, or an
 * organisation's administrator for one of its practitioners.
 */
export async function createSchedule(
  deps: ServiceDeps,
  actor: Actor,
  input: z.infer<typeof ScheduleInput>,
  language: Language,
): Promise<ScheduleView> {
  const practitionerId = input.practitionerId ?? actor.accountId;
  const self = practitionerId === actor.accountId;
  // An organisation one is not part of is not one's to learn of (404, as for its other routes).
  if (!isMemberOf(actor, input.organisationId)) throw problem.notFound();
  if (!self && !isAdminOf(actor, input.organisationId)) throw problem.forbidden();
  const practises = (await membershipsOf(deps.db, practitionerId)).some(
    (m) => m.organisationId === input.organisationId && m.role === 'practitioner',
  );
  if (!practises || !(await practitionerProfile(deps.db, practitionerId))) {
    throw problem.validation([fieldIssue(self ? 'organisationId' : 'practitionerId', 'not-a-practitioner-here', language)]);
  }
  await checkSite(deps.db, input.organisationId, input.siteId, language);
  let id: string;
  try {
    id = await insertSchedule(deps.db, { ...input, practitionerId });
  } catch (error) {
    if (violated(error) === 'unique') throw problem.conflict('schedule-exists');
    throw error;
  }
  return readSchedule(deps, actor, id);
}

export async function changeSchedule(
  deps: ServiceDeps,
  actor: Actor,
  scheduleId: string,
  update: z.infer<typeof ScheduleUpdate>,
  language: Language,
): Promise<ScheduleView> {
  const schedule = await managedSchedule(deps.db, actor, scheduleId);
  await checkSite(deps.db, schedule.organisation_id, update.siteId, language);
  try {
    await updateSchedule(deps.db, scheduleId, update);
  } catch (error) {
    if (violated(error) === 'unique') throw problem.conflict('schedule-exists');
    throw error;
  }
  return readSchedule(deps, actor, scheduleId);
}

/** Replaces the weekly pattern at once: what the editor's grid shows is what is stored. */
export async function setWeeklyOpenings(
  deps: ServiceDeps,
  actor: Actor,
  scheduleId: string,
  input: z.infer<typeof WeeklyOpenings>,
): Promise<ScheduleView> {
  await managedSchedule(deps.db, actor, scheduleId);
  await deps.db.transaction().execute((tx) => replaceOpenings(tx, scheduleId, input.openings));
  return readSchedule(deps, actor, scheduleId);
}

export async function addException(
  deps: ServiceDeps,
  actor: Actor,
  scheduleId: string,
  input: z.infer<typeof ExceptionInput>,
  language: Language,
): Promise<ScheduleView> {
  await managedSchedule(deps.db, actor, scheduleId);
  try {
    await insertException(deps.db, {
      scheduleId,
      kind: input.kind,
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
      modalities: input.modalities,
    });
  } catch (error) {
    // Two exceptions of a schedule never overlap (an exclusion constraint): which one holds would be a guess.
    if (violated(error) === 'exclusion') throw problem.validation([fieldIssue('startsAt', 'overlaps-exception', language)]);
    throw error;
  }
  return readSchedule(deps, actor, scheduleId);
}

export async function removeException(deps: ServiceDeps, actor: Actor, scheduleId: string, exceptionId: string): Promise<void> {
  await managedSchedule(deps.db, actor, scheduleId);
  if (!(await deleteException(deps.db, scheduleId, exceptionId))) throw problem.notFound();
}

const typeValues = (input: z.infer<typeof ConsultationTypeInput>): TypeValues => ({ ...input });

export async function addType(
  deps: ServiceDeps,
  actor: Actor,
  scheduleId: string,
  input: z.infer<typeof ConsultationTypeInput>,
): Promise<ScheduleView> {
  await managedSchedule(deps.db, actor, scheduleId);
  await insertType(deps.db, scheduleId, typeValues(input));
  return readSchedule(deps, actor, scheduleId);
}

/** Changes a type; booked appointments keep what they were booked with. */
export async function changeType(
  deps: ServiceDeps,
  actor: Actor,
  scheduleId: string,
  typeId: string,
  input: z.infer<typeof ConsultationTypeInput> | { active: false },
): Promise<ScheduleView> {
  await managedSchedule(deps.db, actor, scheduleId);
  if (!(await updateType(deps.db, scheduleId, typeId, 'active' in input ? input : typeValues(input)))) throw problem.notFound();
  return readSchedule(deps, actor, scheduleId);
}
