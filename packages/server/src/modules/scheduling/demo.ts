import { nextSlots, type Availability, type Interval } from '@parcours/domain';
import type { Tx } from '../../platform/database/database.js';
import type { DemoIds } from '../../platform/module.js';
import { organisationSites } from '../organisations/service.js';
import {
  insertAppointment,
  insertException,
  insertSchedule,
  insertType,
  recordChange,
  replaceOpenings,
  updateAppointment,
} from './store.js';
import type { AppointmentStatus, Modality } from './tables.js';

const DAY = 86_400_000;
const WEEKDAYS = [1, 2, 3, 4, 5];

/**
 * A month of the demo centre's agenda around the day it is seeded: Dr Martin (GP) at the Belleville
 * site, mornings in person and by video, afternoons by video and phone; Dr Benali (psychiatrist) by
 * video two evenings a week; a day off next week; two weeks of past appointments (completed, one
 * no-show, one cancelled) and two weeks ahead.
 */
export async function seedSchedulingDemo(tx: Tx, ids: DemoIds, now = Date.now()): Promise<void> {
  const organisationId = ids.get('organisation')!;
  const martin = ids.get('dr.martin@demo.parcours.fr')!;
  const benali = ids.get('dr.benali@demo.parcours.fr')!;
  const belleville = (await organisationSites(tx, organisationId)).find((s) => s.name === 'Site Belleville')?.id ?? null;

  const martinSchedule = await insertSchedule(tx, {
    practitionerId: martin,
    organisationId,
    siteId: belleville,
    timeZone: 'Europe/Paris',
    territory: ['75', '92', '93', '94'],
  });
  await replaceOpenings(tx, martinSchedule, [
    ...WEEKDAYS.map((weekday) => ({ weekday, start: '09:00', end: '12:30', modalities: ['in-person', 'video'] as Modality[] })),
    ...WEEKDAYS.map((weekday) => ({ weekday, start: '14:00', end: '18:30', modalities: ['video', 'phone'] as Modality[] })),
    { weekday: 6, start: '09:00', end: '12:00', modalities: ['video'] },
  ]);
  const gp = { specialty: 'general-practice', bufferMinutes: 0, minimumNoticeMinutes: 30, horizonDays: 60, feeCents: null };
  const martinVideo = await insertType(tx, martinSchedule, { ...gp, modality: 'video', durationMinutes: 20 });
  const martinPhone = await insertType(tx, martinSchedule, { ...gp, modality: 'phone', durationMinutes: 15 });
  const martinInPerson = await insertType(tx, martinSchedule, { ...gp, modality: 'in-person', durationMinutes: 20, bufferMinutes: 5 });
  // A day off in a week's time (Paris midnight to midnight).
  const dayOff = Math.ceil((now + 7 * DAY) / DAY) * DAY - 3_600_000;
  await insertException(tx, {
    scheduleId: martinSchedule,
    kind: 'closed',
    startsAt: new Date(dayOff),
    endsAt: new Date(dayOff + DAY),
    modalities: [],
  });

  const benaliSchedule = await insertSchedule(tx, {
    practitionerId: benali,
    organisationId,
    siteId: null,
    timeZone: 'Europe/Paris',
    territory: ['60', '75', '95'],
  });
  await replaceOpenings(tx, benaliSchedule, [
    { weekday: 2, start: '17:00', end: '20:00', modalities: ['video'] },
    { weekday: 4, start: '17:00', end: '20:00', modalities: ['video'] },
  ]);
  const benaliVideo = await insertType(tx, benaliSchedule, {
    modality: 'video',
    specialty: 'psychiatry',
    durationMinutes: 30,
    bufferMinutes: 10,
    minimumNoticeMinutes: 120,
    horizonDays: 45,
    feeCents: null,
  });

  const camille = ids.get('patient:camille.petit@demo.parcours.fr')!;
  const jean = ids.get('patient:jean.moreau@demo.parcours.fr')!;
  const weekly = (schedule: 'martin' | 'benali'): Availability['weekly'] =>
    schedule === 'martin'
      ? [
          ...WEEKDAYS.map((weekday) => ({ weekday, start: '09:00', end: '12:30', modalities: ['in-person', 'video'] as Modality[] })),
          ...WEEKDAYS.map((weekday) => ({ weekday, start: '14:00', end: '18:30', modalities: ['video', 'phone'] as Modality[] })),
        ]
      : [
          { weekday: 2, start: '17:00', end: '20:00', modalities: ['video'] },
          { weekday: 4, start: '17:00', end: '20:00', modalities: ['video'] },
        ];
  const taken: Interval[] = [];
  /** The n-th slot of a type from `from`: on the grid, clear of the demo's other appointments. */
  const slotAt = (
    schedule: 'martin' | 'benali',
    modality: Modality,
    durationMinutes: number,
    bufferMinutes: number,
    from: number,
    n: number,
  ) => {
    const availability: Availability = {
      timeZone: 'Europe/Paris',
      weekly: weekly(schedule),
      exceptions: [{ kind: 'closed', start: dayOff, end: dayOff + DAY }],
      consultation: { modality, durationMinutes, bufferMinutes, minimumNoticeMinutes: 0, horizonDays: 60 },
    };
    const slots = nextSlots(availability, taken, { start: from, end: from + 10 * DAY }, from);
    const slot = slots[Math.min(n, slots.length - 1)]!;
    taken.push({ start: slot.start, end: slot.end + bufferMinutes * 60_000 });
    return slot;
  };

  const plan: {
    patient: string;
    who: 'martin' | 'benali';
    type: string;
    modality: Modality;
    minutes: number;
    buffer: number;
    daysFromNow: number;
    n: number;
    status: AppointmentStatus;
  }[] = [
    {
      patient: camille,
      who: 'martin',
      type: martinVideo,
      modality: 'video',
      minutes: 20,
      buffer: 0,
      daysFromNow: -14,
      n: 3,
      status: 'completed',
    },
    {
      patient: jean,
      who: 'martin',
      type: martinInPerson,
      modality: 'in-person',
      minutes: 20,
      buffer: 5,
      daysFromNow: -13,
      n: 1,
      status: 'completed',
    },
    {
      patient: jean,
      who: 'benali',
      type: benaliVideo,
      modality: 'video',
      minutes: 30,
      buffer: 10,
      daysFromNow: -12,
      n: 0,
      status: 'completed',
    },
    {
      patient: camille,
      who: 'martin',
      type: martinPhone,
      modality: 'phone',
      minutes: 15,
      buffer: 0,
      daysFromNow: -9,
      n: 5,
      status: 'no-show',
    },
    {
      patient: jean,
      who: 'martin',
      type: martinVideo,
      modality: 'video',
      minutes: 20,
      buffer: 0,
      daysFromNow: -7,
      n: 8,
      status: 'completed',
    },
    {
      patient: jean,
      who: 'benali',
      type: benaliVideo,
      modality: 'video',
      minutes: 30,
      buffer: 10,
      daysFromNow: -5,
      n: 1,
      status: 'completed',
    },
    {
      patient: camille,
      who: 'martin',
      type: martinVideo,
      modality: 'video',
      minutes: 20,
      buffer: 0,
      daysFromNow: -3,
      n: 2,
      status: 'cancelled',
    },
    {
      patient: jean,
      who: 'martin',
      type: martinPhone,
      modality: 'phone',
      minutes: 15,
      buffer: 0,
      daysFromNow: -2,
      n: 4,
      status: 'completed',
    },
    {
      patient: camille,
      who: 'martin',
      type: martinVideo,
      modality: 'video',
      minutes: 20,
      buffer: 0,
      daysFromNow: 2,
      n: 6,
      status: 'booked',
    },
    { patient: jean, who: 'benali', type: benaliVideo, modality: 'video', minutes: 30, buffer: 10, daysFromNow: 3, n: 2, status: 'booked' },
    {
      patient: jean,
      who: 'martin',
      type: martinInPerson,
      modality: 'in-person',
      minutes: 20,
      buffer: 5,
      daysFromNow: 5,
      n: 2,
      status: 'booked',
    },
    {
      patient: camille,
      who: 'martin',
      type: martinPhone,
      modality: 'phone',
      minutes: 15,
      buffer: 0,
      daysFromNow: 9,
      n: 10,
      status: 'booked',
    },
    {
      patient: jean,
      who: 'benali',
      type: benaliVideo,
      modality: 'video',
      minutes: 30,
      buffer: 10,
      daysFromNow: 12,
      n: 0,
      status: 'booked',
    },
  ];
  for (const item of plan) {
    const slot = slotAt(item.who, item.modality, item.minutes, item.buffer, now + item.daysFromNow * DAY, item.n);
    const practitionerId = item.who === 'martin' ? martin : benali;
    const patientAccount = item.patient === camille ? ids.get('camille.petit@demo.parcours.fr')! : ids.get('jean.moreau@demo.parcours.fr')!;
    const startsAt = new Date(slot.start);
    const id = await insertAppointment(tx, {
      patientId: item.patient,
      practitionerId,
      organisationId,
      scheduleId: item.who === 'martin' ? martinSchedule : benaliSchedule,
      typeId: item.type,
      modality: item.modality,
      startsAt,
      endsAt: new Date(slot.end),
      blockedUntil: new Date(slot.end + item.buffer * 60_000),
      timeZone: 'Europe/Paris',
      bookedBy: patientAccount,
      bookedAs: 'patient',
      idempotencyKey: null,
    });
    await recordChange(tx, { appointmentId: id, change: 'booked', by: patientAccount, byRole: 'patient', startsAt });
    if (item.status !== 'booked') {
      await updateAppointment(tx, id, 0, { status: item.status });
      const byPatient = item.status === 'cancelled';
      await recordChange(tx, {
        appointmentId: id,
        change: item.status,
        by: byPatient ? patientAccount : practitionerId,
        byRole: byPatient ? 'patient' : 'practitioner',
        startsAt,
      });
    }
  }
}
