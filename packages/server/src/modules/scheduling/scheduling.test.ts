import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../demo.js';
import { serviceDeps } from '../../platform/context.js';
import { openDatabase } from '../../platform/database/database.js';
import { LiveTestClient } from '../../platform/realtime/testing.js';
import { outboxSmsSender } from '../../platform/sms/sms.js';
import { ApiClient } from '../../platform/testing/client.js';
import { describeEachDatabase } from '../../platform/testing/databases.js';
import { startTestServer } from '../../platform/testing/server.js';
import { startMailCatcher } from '../../platform/testing/smtp.js';
import { createLogger } from '../../platform/logger.js';
import type { RunningServer } from '../../server.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../accounts/index.js';
import { everyTable } from '../testing.js';
import type { SchedulingDeps } from './appointments.js';
import { sendDueMessages } from './delivery.js';
import { postWithKey, type AppointmentReply, type ProblemReply, type SlotSearchReply } from './testing.js';

const HOUR = 3_600_000;

/** The instants of an .ics event, read back with its VTIMEZONE as a calendar would. */
function readCalendar(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
  return {
    method: calendar.getFirstPropertyValue('method'),
    hasTimezone: calendar.getAllSubcomponents('vtimezone').length > 0,
    tzid: event.startDate.zone?.tzid,
    wall: `${String(event.startDate.hour).padStart(2, '0')}:${String(event.startDate.minute).padStart(2, '0')}`,
    start: event.startDate.toJSDate().toISOString(),
    uid: event.uid,
    sequence: event.sequence,
    status: event.component.getFirstPropertyValue('status'),
  };
}

describeEachDatabase('scheduling: availability, search, booking, lifecycle, messages', (database) => {
  let server: RunningServer;
  let mail: Awaited<ReturnType<typeof startMailCatcher>>;
  let camille: ApiClient;
  let martin: ApiClient;
  let benali: ApiClient;
  const ids: Record<string, string> = {};
  const db = () => everyTable(database().db);
  const count = async (table: 'appointments' | 'schedules' | 'schedule_exceptions' | 'consultation_types' | 'appointment_messages') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const search = async (query: string) => (await camille.get<SlotSearchReply>(`/api/v1/slots?${query}`)).body;
  /** The next mail to Camille whose subject says `about` (others, from earlier tests, are left). */
  const mailAbout = async (about: string, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = mail.mails.findIndex((m) => m.to.includes('camille.petit@demo.parcours.fr') && m.subject.includes(about));
      if (index >= 0) return mail.mails.splice(index, 1)[0]!;
      if (Date.now() > deadline) throw new Error(`no mail about ${about}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const martinVideo = async () => {
    const found = await search(`specialty=general-practice&modality=video&territory=75&practitionerId=${ids.martin}`);
    return { typeId: found.offers[0]!.typeId, slots: found.slots };
  };

  beforeAll(async () => {
    mail = await startMailCatcher();
    await seedDemo(database().db);
    server = await startTestServer(database(), { SMTP_URL: mail.url });
    camille = new ApiClient(server.url);
    martin = new ApiClient(server.url);
    benali = new ApiClient(server.url);
    await camille.login('camille.petit@demo.parcours.fr', DEMO_PASSWORD);
    await martin.login('dr.martin@demo.parcours.fr', DEMO_PASSWORD, DEMO_TOTP_SECRET);
    await benali.login('dr.benali@demo.parcours.fr', DEMO_PASSWORD, DEMO_TOTP_SECRET);
    const idOf = async (firstNames: string) =>
      (await db().selectFrom('patients').select('id').where('first_names', '=', firstNames).executeTakeFirstOrThrow()).id;
    ids.camille = await idOf('Camille');
    ids.leo = await idOf('Léo');
    ids.jean = await idOf('Jean');
    ids.martin = (
      await db().selectFrom('accounts').select('id').where('email', '=', 'dr.martin@demo.parcours.fr').executeTakeFirstOrThrow()
    ).id;
    ids.organisation = (await db().selectFrom('organisations').select('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    await server?.stop();
    await mail?.close();
  });

  it('finds a GP’s video slots earliest first, none on an appointment, all in the territory served', async () => {
    const found = await search('specialty=general-practice&modality=video&territory=75&days=14');
    // The demo's two GPs by video: Dr Martin at the centre, Dr Garnier for Île-de-France.
    expect(found.offers.map((o) => o.practitioner.name).sort()).toEqual(['Claire Martin', 'Hélène Garnier']);
    expect(found.slots.length).toBeGreaterThan(20);
    const martinsType = found.offers.find((o) => o.practitioner.name === 'Claire Martin')!.typeId;
    const starts = found.slots.map((s) => Date.parse(s.start));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    const booked = await db()
      .selectFrom('appointments')
      .select(['starts_at', 'blocked_until'])
      .where('practitioner_account_id', '=', ids.martin!)
      .where('status', 'in', ['booked', 'checked-in', 'in-progress', 'completed'])
      .execute();
    for (const slot of found.slots.filter((s) => s.typeId === martinsType))
      for (const b of booked)
        expect(Date.parse(slot.end) <= b.starts_at.getTime() || Date.parse(slot.start) >= b.blocked_until.getTime()).toBe(true);
    // Nobody serves Corsica in the demo; a psychiatrist is found in the Oise.
    expect((await search('territory=2A')).slots).toEqual([]);
    expect((await search('specialty=psychiatry&territory=60')).offers[0]!.practitioner.name).toBe('Karim Benali');
  });

  it('estimates the reimbursement of that very slot, from the practitioner’s profile and the slot’s date', async () => {
    const { typeId, slots } = await martinVideo();
    const estimate = await camille.post<{ request: { date: string }; decision: { code: string; fee: number; reimbursable: boolean } }>(
      `/api/v1/patients/${ids.camille}/appointment-estimate`,
      { typeId, startsAt: slots[0]!.start, treatingDoctor: 'referred', isTreatingDoctor: true, departement: '75' },
    );
    expect(estimate.status).toBe(200);
    expect(estimate.body.decision).toMatchObject({ code: 'TCG', fee: 25, reimbursable: true });
    expect(estimate.body.request.date).toBe(DateTime.fromISO(slots[0]!.start, { zone: 'Europe/Paris' }).toFormat('yyyy-MM-dd'));
  });

  it('books a slot: the appointment, its mail with an .ics at the wall time, "Mes rendez-vous", the live agenda', async () => {
    const live = await LiveTestClient.connect(server.url, { cookie: martin.cookie! });
    expect((await live.subscribe(`agenda:${ids.martin}`)).type).toBe('subscribed');
    const { typeId, slots } = await martinVideo();
    const slot = slots[2]!;
    const before = await count('appointments');
    const booked = await camille.post<AppointmentReply>('/api/v1/appointments', { patientId: ids.camille, typeId, startsAt: slot.start });
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({ status: 'booked', startsAt: slot.start, patient: { name: 'Camille PETIT' } });
    expect(booked.body.wallTime).toBe(DateTime.fromISO(slot.start, { zone: 'Europe/Paris' }).toFormat('HH:mm'));
    expect(await count('appointments')).toBe(before + 1);

    const event = await live.next('event', (e) => e.topic === `agenda:${ids.martin}`);
    expect(event).toMatchObject({ event: 'appointment.booked', data: { appointmentId: booked.body.id, status: 'booked' } });
    live.close();

    const confirmation = await mailAbout(
      `Rendez-vous confirmé — ${DateTime.fromISO(slot.start).setZone('Europe/Paris').setLocale('fr').toFormat('cccc d LLLL yyyy')}`,
    );
    expect(confirmation.text).toContain('Claire Martin');
    expect(confirmation.text).toContain(`/rendez-vous/${booked.body.id}`);
    // No health data: no specialty, no reason.
    expect(confirmation.text).not.toMatch(/général|generalist|psychiatr/i);
    const ics = readCalendar(confirmation.attachments.find((a) => a.filename.endsWith('.ics'))!.content);
    expect(ics).toMatchObject({
      hasTimezone: true,
      tzid: 'Europe/Paris',
      wall: booked.body.wallTime,
      start: new Date(slot.start).toISOString(),
    });

    const mine = await camille.get<AppointmentReply[]>(`/api/v1/patients/${ids.camille}/appointments?when=upcoming`);
    expect(mine.body.map((a) => a.id)).toContain(booked.body.id);
    // The booking put Dr Martin in an 'appointment' care relationship with Camille.
    const care = await db()
      .selectFrom('care_relationships')
      .select('kind')
      .where('patient_id', '=', ids.camille!)
      .where('kind', '=', 'appointment')
      .execute();
    expect(care).toHaveLength(1);
    const agenda = await martin.get<AppointmentReply[]>(`/api/v1/agenda?from=${booked.body.wallDate}&days=1`);
    expect(agenda.body.map((a) => a.id)).toContain(booked.body.id);
  });

  it('returns the same appointment for a retried booking with the same Idempotency-Key, and refuses the key for another slot', async () => {
    const { typeId, slots } = await martinVideo();
    const body = { patientId: ids.leo, typeId, startsAt: slots[4]!.start };
    const first = await postWithKey<AppointmentReply>(camille, '/api/v1/appointments', body, 'retry-1');
    const again = await postWithKey<AppointmentReply>(camille, '/api/v1/appointments', body, 'retry-1');
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.id).toBe(first.body.id);
    const other = await postWithKey<ProblemReply>(camille, '/api/v1/appointments', { ...body, startsAt: slots[5]!.start }, 'retry-1');
    expect(other.status).toBe(422);
    expect(other.body.type).toBe('urn:parcours:problem:idempotency-key-reused');
  });

  it('gives an overlapping slot of another type to nobody: 409 "ce créneau vient d’être pris" with the next free slots', async () => {
    const video = await martinVideo();
    const phone = await search('specialty=general-practice&modality=phone&territory=75');
    const phoneTypeId = phone.offers[0]!.typeId;
    // A phone slot (15 min) inside a video slot (20 min) of the afternoon.
    const phoneSlot = phone.slots.find((p) =>
      video.slots.some((v) => Date.parse(p.start) >= Date.parse(v.start) && Date.parse(p.start) < Date.parse(v.end) && p.start !== v.start),
    )!;
    const videoSlot = video.slots.find(
      (v) => Date.parse(phoneSlot.start) >= Date.parse(v.start) && Date.parse(phoneSlot.start) < Date.parse(v.end),
    )!;
    expect(
      (await camille.post('/api/v1/appointments', { patientId: ids.camille, typeId: video.typeId, startsAt: videoSlot.start })).status,
    ).toBe(201);
    const before = await count('appointments');
    const lost = await camille.post<ProblemReply>('/api/v1/appointments', {
      patientId: ids.camille,
      typeId: phoneTypeId,
      startsAt: phoneSlot.start,
    });
    expect(lost.status).toBe(409);
    expect(lost.headers.get('content-type')).toContain('application/problem+json');
    expect(lost.body.type).toBe('urn:parcours:problem:slot-taken');
    expect(lost.body.title).toBe('Ce créneau vient d’être pris');
    expect(lost.body.nextSlots!.length).toBeGreaterThan(0);
    expect(await count('appointments')).toBe(before);
  });

  it('reschedules keeping the history, cancels, and never reminds of a cancelled or moved appointment; reminds once, by mail and text', async () => {
    const { typeId, slots } = await martinVideo();
    const later = slots.filter((s) => Date.parse(s.start) > Date.now() + 30 * HOUR);
    const booked = await camille.post<AppointmentReply>('/api/v1/appointments', {
      patientId: ids.camille,
      typeId,
      startsAt: later[0]!.start,
    });
    await mailAbout('Rendez-vous confirmé');
    const moved = await camille.post<AppointmentReply>(`/api/v1/appointments/${booked.body.id}/reschedule`, {
      startsAt: later[3]!.start,
      reason: 'Un empêchement',
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id: booked.body.id, startsAt: later[3]!.start, version: 1 });
    const change = await mailAbout('Rendez-vous déplacé');
    expect(readCalendar(change.attachments[0]!.content).sequence).toBe(1);
    const detail = await camille.get<AppointmentReply>(`/api/v1/appointments/${booked.body.id}`);
    expect(detail.body.history!.map((h) => h.change)).toEqual(['booked', 'rescheduled']);
    expect(detail.body.history![1]).toMatchObject({ previousStartsAt: later[0]!.start, startsAt: later[3]!.start, byRole: 'patient' });

    // A second appointment, cancelled by the doctor.
    const other = await camille.post<AppointmentReply>('/api/v1/appointments', {
      patientId: ids.camille,
      typeId,
      startsAt: later[6]!.start,
    });
    const cancelled = await martin.post<AppointmentReply>(`/api/v1/appointments/${other.body.id}/cancel`, { reason: 'Absence imprévue' });
    expect(cancelled.body.status).toBe('cancelled');
    const cancellation = await mailAbout('Rendez-vous annulé');
    expect(readCalendar(cancellation.attachments[0]!.content)).toMatchObject({ method: 'CANCEL', status: 'CANCELLED' });
    expect((await martin.post(`/api/v1/appointments/${other.body.id}/cancel`, {})).status).toBe(409);

    // Camille gives her mobile; at the 24 h mark, two senders run at once (two nodes): one mail, one text.
    expect((await camille.put('/api/v1/reminder-contact', { mobile: '06 12 34 56 78' })).body).toEqual({ mobile: '+33612345678' });
    const outbox = await fs.mkdtemp(path.join(os.tmpdir(), 'parcours-sms-'));
    const second = database().url ? openDatabase({ kind: 'postgres', url: database().url!, poolSize: 4 }) : undefined;
    const deps = (db = database().db): SchedulingDeps => ({
      ...serviceDeps(server.ctx),
      db,
      jobs: server.ctx.jobs,
      sms: outboxSmsSender(outbox, createLogger('silent')),
    });
    const at = new Date(Date.parse(later[3]!.start) - 24 * HOUR + 60_000);
    mail.mails.length = 0;
    // Only this appointment's messages are left to send (earlier tests' reminders are put aside).
    await db().updateTable('appointment_messages').set({ claimed_at: new Date() }).where('appointment_id', '!=', booked.body.id).execute();
    const sent = await Promise.all([sendDueMessages(deps(), at), sendDueMessages(deps(second?.db), at)]);
    await second?.close();
    expect(sent.reduce((a, b) => a + b)).toBe(1);
    await mailAbout('Rappel', 5_000);
    expect(mail.mails.filter((m) => m.subject.includes('Rappel'))).toHaveLength(0);
    const texts = await fs.readdir(outbox);
    expect(texts).toHaveLength(1);
    expect(await fs.readFile(path.join(outbox, texts[0]!), 'utf8')).toMatch(
      /^To: \+33612345678\n\nParcours : rappel, rendez-vous demain à \d\d:\d\d en vidéo avec Claire Martin\./,
    );
    // Nothing for the cancelled one, nor for the old time of the moved one, even long after.
    expect(await sendDueMessages(deps(), new Date(Date.parse(later[3]!.start) - HOUR + 60_000))).toBe(1);
    expect(await sendDueMessages(deps(), new Date(Date.parse(later[3]!.start) - HOUR + 120_000))).toBe(0);
    const reminders = await db()
      .selectFrom('appointment_messages')
      .select(['appointment_id', 'kind', 'outcome'])
      .where('kind', 'in', ['reminder-24h', 'reminder-1h'])
      .where('appointment_id', 'in', [booked.body.id, other.body.id])
      .execute();
    expect(reminders.filter((r) => r.appointment_id === other.body.id)).toEqual([]);
    expect(reminders.filter((r) => r.outcome === 'sent')).toHaveLength(2);
    await fs.rm(outbox, { recursive: true, force: true });
  });

  it('keeps an appointment at its wall time across the next change of the clocks, stored, read back and in the .ics', async () => {
    // The next day on which Paris changes its clocks.
    let day = DateTime.now().setZone('Europe/Paris').startOf('day').plus({ days: 1 });
    while (day.offset === day.plus({ days: 1 }).offset) day = day.plus({ days: 1 });
    const changeDay = day;
    const weekday = changeDay.weekday;
    const created = await martin.post<{ id: string; types: { id: string }[] }>('/api/v1/schedules', {
      organisationId: ids.organisation,
      timeZone: 'Europe/Paris',
      territory: ['75'],
    });
    expect(created.status).toBe(201);
    const scheduleId = created.body.id;
    await martin.put(`/api/v1/schedules/${scheduleId}/weekly-openings`, {
      openings: [{ weekday, start: '01:00', end: '05:00', modalities: ['phone'] }],
    });
    const withType = await martin.post<{ types: { id: string }[] }>(`/api/v1/schedules/${scheduleId}/consultation-types`, {
      modality: 'phone',
      specialty: 'general-practice',
      durationMinutes: 30,
      horizonDays: 365,
    });
    const typeId = withType.body.types[0]!.id;
    const { slots } = await search(`typeId=${typeId}&from=${changeDay.toFormat('yyyy-MM-dd')}&days=1`);
    // 01:00–05:00 lasts three real hours in spring, five in autumn: every slot once.
    expect(slots).toHaveLength(changeDay.plus({ days: 1 }).offset > changeDay.offset ? 6 : 10);
    const slot = slots.find((s) => DateTime.fromISO(s.start, { zone: 'Europe/Paris' }).toFormat('HH:mm') === '03:30')!;
    const booked = await camille.post<AppointmentReply>('/api/v1/appointments', { patientId: ids.camille, typeId, startsAt: slot.start });
    expect(booked.body).toMatchObject({ wallDate: changeDay.toFormat('yyyy-MM-dd'), wallTime: '03:30', startsAt: slot.start });
    const read = await camille.get<AppointmentReply>(`/api/v1/appointments/${booked.body.id}`);
    expect(read.body).toMatchObject({ wallTime: '03:30', startsAt: slot.start });
    const ics = await fetch(`${server.url}/api/v1/appointments/${booked.body.id}/calendar.ics`, { headers: { cookie: camille.cookie! } });
    expect(ics.headers.get('content-type')).toContain('text/calendar');
    const text = await ics.text();
    expect(text).toContain(`DTSTART;TZID=Europe/Paris:${changeDay.toFormat('yyyyMMdd')}T033000`);
    expect(readCalendar(text)).toMatchObject({ wall: '03:30', start: new Date(slot.start).toISOString(), tzid: 'Europe/Paris' });
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const { typeId, slots } = await martinVideo();
    const schedule = await db()
      .selectFrom('schedules')
      .select('id')
      .where('practitioner_account_id', '=', ids.martin!)
      .executeTakeFirstOrThrow();
    const tables = ['appointments', 'schedules', 'schedule_exceptions', 'consultation_types', 'appointment_messages'] as const;
    const before = await Promise.all(tables.map(count));
    const fields = async (reply: Promise<{ status: number; body: ProblemReply }>) => {
      const { status, body } = await reply;
      return { status, fields: (body.errors ?? []).map((e) => `${e.field}:${e.code}`) };
    };
    const book = (body: object) => fields(camille.post<ProblemReply>('/api/v1/appointments', { patientId: ids.camille, typeId, ...body }));
    expect(await book({ startsAt: '2020-01-06T09:00:00+01:00' })).toEqual({ status: 400, fields: ['startsAt:in-the-past'] });
    const offHours = DateTime.fromISO(slots[0]!.start).setZone('Europe/Paris').set({ hour: 3, minute: 0 }).plus({ days: 1 }).toISO()!;
    expect(await book({ startsAt: offHours })).toEqual({ status: 400, fields: ['startsAt:not-offered'] });
    expect((await book({ startsAt: '2026-13-45T25:00' })).fields).toEqual(['startsAt:invalid-format']);
    expect(await book({ typeId: '00000000-0000-4000-8000-000000000000', startsAt: slots[0]!.start })).toEqual({
      status: 400,
      fields: ['typeId:unknown-type'],
    });
    expect(
      await fields(
        martin.post<ProblemReply>('/api/v1/schedules', {
          organisationId: ids.organisation,
          practitionerId: '00000000-0000-4000-8000-000000000000',
        }),
      ),
    ).toEqual({ status: 403, fields: [] });
    expect(
      (await fields(martin.post<ProblemReply>('/api/v1/schedules', { organisationId: ids.organisation, timeZone: 'Europe/Atlantis' })))
        .fields,
    ).toEqual(['timeZone:unknown-time-zone']);
    expect(
      (
        await fields(
          martin.post<ProblemReply>(`/api/v1/schedules/${schedule.id}/consultation-types`, {
            modality: 'video',
            specialty: 'general-practice',
            durationMinutes: 0,
          }),
        )
      ).fields,
    ).toEqual(['durationMinutes:too-small']);
    // The demo's day off is an exception already: another overlapping it is refused.
    const dayOff = await db()
      .selectFrom('schedule_exceptions')
      .select(['starts_at'])
      .where('schedule_id', '=', schedule.id)
      .executeTakeFirstOrThrow();
    expect(
      await fields(
        martin.post<ProblemReply>(`/api/v1/schedules/${schedule.id}/exceptions`, {
          kind: 'open',
          startsAt: new Date(dayOff.starts_at.getTime() + HOUR).toISOString(),
          endsAt: new Date(dayOff.starts_at.getTime() + 2 * HOUR).toISOString(),
        }),
      ),
    ).toEqual({ status: 400, fields: ['startsAt:overlaps-exception'] });
    expect((await fields(camille.get<ProblemReply>('/api/v1/slots?from=2026-02-30&days=0&colour=blue'))).fields.sort()).toEqual(
      ['querystring.colour:unknown-field', 'querystring.days:too-small', 'querystring.from:invalid-format'].sort(),
    );
    expect(await Promise.all(tables.map(count))).toEqual(before);
  });

  it('keeps appointments and agendas to those concerned', async () => {
    const { typeId, slots } = await martinVideo();
    // Dr Benali has no care relationship with Camille and is not her organisation's regulator.
    expect((await benali.post('/api/v1/appointments', { patientId: ids.camille, typeId, startsAt: slots[8]!.start })).status).toBe(404);
    const booked = await camille.post<AppointmentReply>('/api/v1/appointments', {
      patientId: ids.camille,
      typeId,
      startsAt: slots[8]!.start,
    });
    expect((await benali.get(`/api/v1/appointments/${booked.body.id}`)).status).toBe(404);
    expect((await benali.post(`/api/v1/appointments/${booked.body.id}/cancel`, {})).status).toBe(404);
    // The patient checks in; only the practitioner starts and completes.
    expect((await camille.post(`/api/v1/appointments/${booked.body.id}/status`, { status: 'in-progress' })).status).toBe(403);
    expect((await camille.post(`/api/v1/appointments/${booked.body.id}/status`, { status: 'checked-in' })).status).toBe(200);
    expect(
      (await martin.post<AppointmentReply>(`/api/v1/appointments/${booked.body.id}/status`, { status: 'in-progress' })).body.status,
    ).toBe('in-progress');
    expect((await martin.post(`/api/v1/appointments/${booked.body.id}/status`, { status: 'no-show' })).status).toBe(409);
    const live = await LiveTestClient.connect(server.url, { cookie: benali.cookie! });
    expect((await live.subscribe(`agenda:${ids.martin}`)).type).toBe('error');
    live.close();
  });
});
