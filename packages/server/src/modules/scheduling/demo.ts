import {
  instantOfWallTime,
  isoWeekday,
  localDateOf,
  nextDate,
  nextSlots,
  type Availability,
  type AvailabilityException,
  type Interval,
  type WeeklyOpening,
} from '@parcours/domain';
import type { Tx } from '../../platform/database/database.js';
import type { DemoIds } from '../../platform/module.js';
import { organisationSites } from '../organisations/service.js';
import { managedRecords } from '../patients/service.js';
import {
  insertAppointment,
  insertException,
  insertSchedule,
  insertType,
  recordChange,
  replaceOpenings,
  updateAppointment,
  type TypeValues,
} from './store.js';
import type { AppointmentStatus, Modality } from './tables.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const PARIS = 'Europe/Paris';
const WEEKDAYS = [1, 2, 3, 4, 5];

/** The start of the Paris day `days` after the one `now` falls on. */
const parisDay = (now: number, days: number) => instantOfWallTime(nextDate(localDateOf(now, PARIS), days), 0, PARIS);

type Who = 'martin' | 'garnier' | 'benali' | 'durand';
type Patient = 'camille' | 'leo' | 'jean';

interface DemoSchedule {
  id: string;
  practitionerId: string;
  weekly: WeeklyOpening[];
  exceptions: AvailabilityException[];
  types: Partial<Record<Modality, { id: string } & TypeValues>>;
}

/**
 * One appointment of the demo: the `n`-th free slot of the practitioner's type from the start of
 * the Paris day `day` days away (the next working day's when that one is closed). Its status once
 * over (`past`), or while still ahead (`booked`, unless cancelled ahead of time).
 */
interface Planned {
  who: Who;
  modality: Modality;
  patient: Patient;
  day: number;
  n: number;
  past?: AppointmentStatus;
  cancelled?: boolean;
  bookedBy?: 'patient' | 'practitioner' | 'regulator';
  /** Moved once: it was this many days later. */
  movedFrom?: number;
}

/**
 * Four weeks of the demo centre's agenda around the day it is seeded, so that every scheduling
 * screen shows something with the demo logins: Dr Martin (GP, Site Belleville) in person and by
 * video in the mornings, by video and phone in the afternoons, and a day off next week; Dr Benali
 * (psychiatrist, remote only) by video on weekday evenings; Sophie Durand (nurse, Site Creil) in
 * person in the mornings and by video (télésoin) two afternoons. Two weeks of past appointments
 * (completed, a no-show, a cancellation), today's, and two weeks ahead, for Camille, her son Léo and
 * Jean; some booked by the practitioner or the regulation on their behalf, one moved.
 */
export async function seedSchedulingDemo(tx: Tx, ids: DemoIds, now = Date.now()): Promise<void> {
  const organisationId = ids.get('organisation')!;
  const sites = await organisationSites(tx, organisationId);
  const siteId = (name: string) => sites.find((s) => s.name === name)?.id ?? null;
  const todayIsOpen = WEEKDAYS.includes(isoWeekday(localDateOf(now, PARIS)));

  const schedule = async (
    who: Who,
    place: { siteId: string | null; territory: string[] },
    weekly: WeeklyOpening[],
    exceptions: AvailabilityException[],
    types: TypeValues[],
  ): Promise<DemoSchedule> => {
    const practitionerId = ids.get(`${who === 'durand' ? 'inf' : 'dr'}.${who}@demo.parcours.fr`)!;
    const id = await insertSchedule(tx, { practitionerId, organisationId, ...place, timeZone: PARIS });
    await replaceOpenings(
      tx,
      id,
      weekly.map((o) => ({ ...o, modalities: [...o.modalities] })),
    );
    for (const e of exceptions) {
      await insertException(tx, {
        scheduleId: id,
        kind: e.kind,
        startsAt: new Date(e.start),
        endsAt: new Date(e.end),
        modalities: [...(e.modalities ?? [])],
      });
    }
    const made: DemoSchedule['types'] = {};
    for (const type of types) made[type.modality] = { id: await insertType(tx, id, type), ...type };
    return { id, practitionerId, weekly, exceptions, types: made };
  };

  const gp = { specialty: 'general-practice', bufferMinutes: 0, minimumNoticeMinutes: 30, horizonDays: 60, feeCents: null };
  // A day off in a week's time, Paris midnight to midnight; a morning on call (permanence des soins)
  // when the demo is seeded on a weekend, so that today's agenda is not empty.
  const dayOff = parisDay(now, 7);
  const martin = await schedule(
    'martin',
    { siteId: siteId('Site Belleville'), territory: ['75', '92', '93', '94'] },
    [
      ...WEEKDAYS.map((weekday) => ({ weekday, start: '09:00', end: '12:30', modalities: ['in-person', 'video'] as Modality[] })),
      ...WEEKDAYS.map((weekday) => ({ weekday, start: '14:00', end: '18:30', modalities: ['video', 'phone'] as Modality[] })),
      { weekday: 6, start: '09:00', end: '12:00', modalities: ['video'] },
    ],
    [
      { kind: 'closed', start: dayOff, end: parisDay(now, 8) },
      ...(todayIsOpen
        ? []
        : [
            {
              kind: 'open' as const,
              start: instantOfWallTime(localDateOf(now, PARIS), 9 * 60, PARIS),
              end: instantOfWallTime(localDateOf(now, PARIS), 13 * 60, PARIS),
              modalities: ['video', 'phone'] as Modality[],
            },
          ]),
    ],
    [
      { ...gp, modality: 'video', durationMinutes: 20 },
      { ...gp, modality: 'phone', durationMinutes: 15 },
      { ...gp, modality: 'in-person', durationMinutes: 20, bufferMinutes: 5 },
    ],
  );
  // Dr Garnier: video only, every weekday and Saturday morning, for Île-de-France.
  const garnier = await schedule(
    'garnier',
    { siteId: null, territory: ['75', '77', '78', '91', '92', '93', '94', '95'] },
    [
      ...WEEKDAYS.map((weekday) => ({ weekday, start: '08:30', end: '19:30', modalities: ['video'] as Modality[] })),
      { weekday: 6, start: '09:00', end: '12:00', modalities: ['video'] },
    ],
    [],
    [{ ...gp, modality: 'video', durationMinutes: 15 }],
  );
  const benali = await schedule(
    'benali',
    { siteId: null, territory: ['60', '75', '95'] },
    WEEKDAYS.map((weekday) => ({ weekday, start: '17:00', end: '20:00', modalities: ['video'] as Modality[] })),
    [],
    [
      {
        modality: 'video',
        specialty: 'psychiatry',
        durationMinutes: 30,
        bufferMinutes: 10,
        minimumNoticeMinutes: 120,
        horizonDays: 45,
        feeCents: null,
      },
    ],
  );
  // A nurse: care at the centre, and télésoin (nursing follow-up by video) two afternoons.
  const nursing = { specialty: 'other', minimumNoticeMinutes: 60, horizonDays: 30, feeCents: null };
  const durand = await schedule(
    'durand',
    { siteId: siteId('Site Creil'), territory: ['60'] },
    [
      ...[1, 3, 5].map((weekday) => ({ weekday, start: '08:00', end: '12:00', modalities: ['in-person'] as Modality[] })),
      ...[2, 4].map((weekday) => ({ weekday, start: '14:00', end: '17:00', modalities: ['video'] as Modality[] })),
    ],
    [],
    [
      { ...nursing, modality: 'in-person', durationMinutes: 30, bufferMinutes: 10 },
      { ...nursing, modality: 'video', durationMinutes: 20, bufferMinutes: 0 },
    ],
  );
  const schedules: Record<Who, DemoSchedule> = { martin, garnier, benali, durand };

  const plan: Planned[] = [
    // Two weeks ago to yesterday.
    { who: 'martin', modality: 'video', patient: 'camille', day: -14, n: 3, past: 'completed' },
    { who: 'martin', modality: 'in-person', patient: 'jean', day: -13, n: 1, past: 'completed' },
    { who: 'benali', modality: 'video', patient: 'jean', day: -12, n: 0, past: 'completed' },
    { who: 'martin', modality: 'phone', patient: 'camille', day: -9, n: 5, past: 'no-show' },
    { who: 'durand', modality: 'video', patient: 'jean', day: -8, n: 1, past: 'completed' },
    { who: 'martin', modality: 'video', patient: 'jean', day: -7, n: 8, past: 'completed' },
    { who: 'martin', modality: 'in-person', patient: 'leo', day: -6, n: 2, past: 'completed', bookedBy: 'patient' },
    { who: 'benali', modality: 'video', patient: 'jean', day: -5, n: 1, past: 'completed' },
    { who: 'durand', modality: 'in-person', patient: 'camille', day: -4, n: 2, past: 'completed' },
    { who: 'martin', modality: 'video', patient: 'camille', day: -3, n: 2, past: 'completed', cancelled: true },
    { who: 'martin', modality: 'phone', patient: 'jean', day: -2, n: 4, past: 'completed' },
    // Today: those already over were seen (or not yet marked: a no-show to record), the others to come.
    { who: 'martin', modality: 'video', patient: 'jean', day: 0, n: 1, past: 'completed' },
    { who: 'martin', modality: 'phone', patient: 'camille', day: 0, n: 6, past: 'booked' },
    { who: 'martin', modality: 'video', patient: 'leo', day: 0, n: 14, past: 'completed' },
    { who: 'durand', modality: 'in-person', patient: 'jean', day: 0, n: 3, past: 'completed', bookedBy: 'practitioner' },
    { who: 'benali', modality: 'video', patient: 'jean', day: 0, n: 2, past: 'completed' },
    // The two weeks ahead.
    { who: 'martin', modality: 'in-person', patient: 'jean', day: 1, n: 4, bookedBy: 'regulator' },
    { who: 'martin', modality: 'video', patient: 'camille', day: 2, n: 6, movedFrom: 2 },
    { who: 'benali', modality: 'video', patient: 'jean', day: 3, n: 2 },
    { who: 'durand', modality: 'video', patient: 'jean', day: 4, n: 0, bookedBy: 'practitioner' },
    { who: 'martin', modality: 'in-person', patient: 'jean', day: 5, n: 2 },
    { who: 'durand', modality: 'in-person', patient: 'camille', day: 6, n: 1 },
    { who: 'martin', modality: 'in-person', patient: 'leo', day: 8, n: 3 },
    { who: 'martin', modality: 'phone', patient: 'camille', day: 9, n: 10 },
    { who: 'martin', modality: 'video', patient: 'camille', day: 10, n: 5, cancelled: true },
    { who: 'benali', modality: 'video', patient: 'jean', day: 12, n: 0 },
  ];

  const leo = (await managedRecords(tx, ids.get('camille.petit@demo.parcours.fr')!)).find((r) => !r.isSelf)!;
  const patientIds: Record<Patient, string> = {
    camille: ids.get('patient:camille.petit@demo.parcours.fr')!,
    leo: leo.id,
    jean: ids.get('patient:jean.moreau@demo.parcours.fr')!,
  };
  const managers: Record<Patient, string> = {
    camille: ids.get('camille.petit@demo.parcours.fr')!,
    leo: ids.get('camille.petit@demo.parcours.fr')!,
    jean: ids.get('jean.moreau@demo.parcours.fr')!,
  };
  const regulator = ids.get('regulation@demo.parcours.fr')!;

  // Each practitioner's time taken so far: the demo's appointments never overlap (the exclusion constraint).
  const taken = new Map<string, Interval[]>();
  for (const item of plan) {
    const place = schedules[item.who];
    const type = place.types[item.modality]!;
    const availability: Availability = {
      timeZone: PARIS,
      weekly: place.weekly,
      exceptions: place.exceptions,
      consultation: { ...type, minimumNoticeMinutes: 0, horizonDays: 60 },
    };
    const busy = taken.get(place.practitionerId) ?? [];
    const from = parisDay(now, item.day);
    const slots = nextSlots(availability, busy, { start: from, end: from + 10 * DAY }, from, { limit: item.n + 1 });
    const slot = slots[Math.min(item.n, slots.length - 1)];
    if (!slot) continue;
    busy.push({ start: slot.start, end: slot.end + type.bufferMinutes * MINUTE });
    taken.set(place.practitionerId, busy);

    const bookedAs = item.bookedBy ?? 'patient';
    const bookedBy = bookedAs === 'patient' ? managers[item.patient] : bookedAs === 'regulator' ? regulator : place.practitionerId;
    const startsAt = new Date(slot.start);
    const id = await insertAppointment(tx, {
      patientId: patientIds[item.patient],
      practitionerId: place.practitionerId,
      organisationId,
      scheduleId: place.id,
      typeId: type.id,
      modality: item.modality,
      startsAt,
      endsAt: new Date(slot.end),
      blockedUntil: new Date(slot.end + type.bufferMinutes * MINUTE),
      timeZone: PARIS,
      bookedBy,
      bookedAs,
      idempotencyKey: null,
    });
    await recordChange(tx, {
      appointmentId: id,
      change: 'booked',
      by: bookedBy,
      byRole: bookedAs,
      startsAt: item.movedFrom ? new Date(slot.start + item.movedFrom * DAY) : startsAt,
    });
    if (item.movedFrom) {
      await recordChange(tx, {
        appointmentId: id,
        change: 'rescheduled',
        by: managers[item.patient],
        byRole: 'patient',
        previousStartsAt: new Date(slot.start + item.movedFrom * DAY),
        startsAt,
      });
    }
    const over = slot.end <= now;
    const status: AppointmentStatus = item.cancelled ? 'cancelled' : over ? (item.past ?? 'completed') : 'booked';
    if (status === 'booked') continue;
    await updateAppointment(tx, id, 0, { status });
    // The last act each practitioner completed with each patient: the records' demo reports one.
    if (status === 'completed') ids.set(`appointment:${item.who}:${item.patient}`, id);
    const byPatient = status === 'cancelled';
    await recordChange(tx, {
      appointmentId: id,
      change: status,
      by: byPatient ? managers[item.patient] : place.practitionerId,
      byRole: byPatient ? 'patient' : 'practitioner',
      startsAt,
    });
  }
}
