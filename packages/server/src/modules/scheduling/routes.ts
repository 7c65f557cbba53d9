import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/hook.js';
import { languageOf } from '../../platform/http/language.js';
import { TeleconsultationBilling } from '../billing/service.js';
import {
  agenda,
  bookAppointment,
  cancelAppointment,
  changeAppointmentStatus,
  patientAppointments,
  readAppointment,
  rescheduleAppointment,
  type SchedulingDeps,
} from './appointments.js';
import {
  addException,
  addType,
  changeSchedule,
  changeType,
  createSchedule,
  listSchedules,
  readSchedule,
  removeException,
  setWeeklyOpenings,
} from './availability.js';
import { calendarFile, readReminderContact, setReminderContact } from './delivery.js';
import { estimateSlot } from './estimate.js';
import {
  AgendaQuery,
  Appointment,
  AppointmentDetail,
  AppointmentParams,
  BookRequest,
  CancelRequest,
  ConsultationTypeInput,
  EstimateRequest,
  ExceptionInput,
  ExceptionParams,
  IdempotencyHeaders,
  PatientAppointmentsQuery,
  PatientParams,
  ReminderContact,
  ReminderContactReply,
  RescheduleRequest,
  Schedule,
  ScheduleInput,
  ScheduleParams,
  SchedulesQuery,
  ScheduleUpdate,
  SlotQuery,
  SlotSearch,
  StatusRequest,
  TypeParams,
  WeeklyOpenings,
} from './schemas.js';
import { searchSlots } from './search.js';

const tags = ['scheduling'];
const SlotTaken = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    nextSlots: z.array(z.object({ typeId: z.string(), start: z.string(), end: z.string() })),
  })
  .describe('application/problem+json: slot-taken, with the next free slots of the same type');

export function registerSchedulingRoutes(app: FastifyInstance, deps: SchedulingDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  // ——— Finding and booking a slot ———

  api.get(
    '/api/v1/slots',
    {
      schema: {
        tags,
        summary: 'Free slots by specialty, modality, territory, practitioner or organisation, earliest first',
        description: 'Computed from the practitioners’ availability minus their appointments; whole days of Paris from `from`.',
        querystring: SlotQuery,
        response: { 200: SlotSearch },
      },
      config: { policy: 'signed-in' },
    },
    async (request) => searchSlots(deps.db, request.query, new Date()),
  );

  api.post(
    '/api/v1/appointments',
    {
      schema: {
        tags,
        summary: 'Books a slot for oneself, a dependant, or (a professional) a patient',
        description:
          'Atomic: of simultaneous requests for overlapping slots, one wins and the others get 409 slot-taken with the next free slots. ' +
          'With an Idempotency-Key, a retry answers 200 with the appointment the first request made.',
        headers: IdempotencyHeaders,
        body: BookRequest,
        response: { 200: Appointment, 201: Appointment, 409: SlotTaken },
      },
      config: { policy: 'signed-in' },
    },
    async (request, reply) => {
      const booked = await bookAppointment(deps, actorOf(request), request.body, request.headers['idempotency-key'], languageOf(request));
      return reply.code(booked.replayed ? 200 : 201).send(booked.appointment);
    },
  );

  api.post(
    '/api/v1/patients/:patientId/appointment-estimate',
    {
      schema: {
        tags,
        summary: 'Before confirming: the reimbursement estimate of a slot (practitioner, specialty, fee, territory, date)',
        params: PatientParams,
        body: EstimateRequest,
        response: { 200: TeleconsultationBilling },
      },
      config: { policy: 'signed-in' },
    },
    async (request) => estimateSlot(deps, actorOf(request), request.params.patientId, request.body, languageOf(request)),
  );

  // ——— Appointments ———

  api.get(
    '/api/v1/patients/:patientId/appointments',
    {
      schema: {
        tags,
        summary: 'A patient’s appointments (Mes rendez-vous): upcoming soonest first, past latest first',
        params: PatientParams,
        querystring: PatientAppointmentsQuery,
        response: { 200: z.array(Appointment) },
      },
      config: { policy: 'signed-in' },
    },
    async (request) => patientAppointments(deps, actorOf(request), request.params.patientId, request.query.when),
  );

  api.get(
    '/api/v1/appointments/:appointmentId',
    {
      schema: { tags, summary: 'One appointment and its history', params: AppointmentParams, response: { 200: AppointmentDetail } },
      config: { policy: 'signed-in' },
    },
    async (request) => readAppointment(deps, actorOf(request), request.params.appointmentId),
  );

  api.get(
    '/api/v1/appointments/:appointmentId/calendar.ics',
    {
      schema: {
        tags,
        summary: 'The appointment as an iCalendar file (text/calendar, with its VTIMEZONE), to add it to a calendar',
        params: AppointmentParams,
      },
      config: { policy: 'signed-in' },
    },
    async (request, reply) => {
      const ics = await calendarFile(deps, actorOf(request), request.params.appointmentId, languageOf(request));
      return reply.type('text/calendar; charset=utf-8').header('content-disposition', 'attachment; filename="rendez-vous.ics"').send(ics);
    },
  );

  api.post(
    '/api/v1/appointments/:appointmentId/cancel',
    {
      schema: {
        tags,
        summary: 'Cancels an appointment, saying why if one wishes',
        params: AppointmentParams,
        body: CancelRequest,
        response: { 200: Appointment },
      },
      config: { policy: 'signed-in' },
    },
    async (request) => cancelAppointment(deps, actorOf(request), request.params.appointmentId, request.body.reason),
  );

  api.post(
    '/api/v1/appointments/:appointmentId/reschedule',
    {
      schema: {
        tags,
        summary: 'Moves an appointment to another slot of the same schedule; its history keeps the old time',
        params: AppointmentParams,
        body: RescheduleRequest,
        response: { 200: Appointment, 409: SlotTaken },
      },
      config: { policy: 'signed-in' },
    },
    async (request) => rescheduleAppointment(deps, actorOf(request), request.params.appointmentId, request.body, languageOf(request)),
  );

  api.post(
    '/api/v1/appointments/:appointmentId/status',
    {
      schema: {
        tags,
        summary: 'Moves an appointment along: checked in, in progress, completed, no-show, reoriented',
        params: AppointmentParams,
        body: StatusRequest,
        response: { 200: Appointment },
      },
      config: { policy: 'signed-in' },
    },
    async (request) => changeAppointmentStatus(deps, actorOf(request), request.params.appointmentId, request.body),
  );

  api.get(
    '/api/v1/agenda',
    {
      schema: {
        tags,
        summary: 'The signed-in practitioner’s appointments in all their organisations, from a day, for some days',
        querystring: AgendaQuery,
        response: { 200: z.array(Appointment) },
      },
      config: { policy: 'professional' },
    },
    async (request) => agenda(deps, actorOf(request), request.query.from, request.query.days),
  );

  api.get(
    '/api/v1/reminder-contact',
    {
      schema: { tags, summary: 'The mobile number text reminders go to (none: no texts)', response: { 200: ReminderContactReply } },
      config: { policy: 'signed-in' },
    },
    async (request) => readReminderContact(deps, actorOf(request)),
  );

  api.put(
    '/api/v1/reminder-contact',
    {
      schema: {
        tags,
        summary: 'Gives (or, with null, withdraws) the mobile number for text reminders',
        body: ReminderContact,
        response: { 200: ReminderContactReply },
      },
      config: { policy: 'signed-in' },
    },
    async (request) => setReminderContact(deps, actorOf(request), request.body.mobile),
  );

  // ——— Availability ———

  api.get(
    '/api/v1/schedules',
    {
      schema: {
        tags,
        summary: 'The schedules one manages: one’s own, or an administered organisation’s',
        querystring: SchedulesQuery,
        response: { 200: z.array(Schedule) },
      },
      config: { policy: 'professional' },
    },
    async (request) => listSchedules(deps, actorOf(request), request.query.organisationId),
  );

  api.post(
    '/api/v1/schedules',
    {
      schema: {
        tags,
        summary: 'Opens a schedule for a practitioner in an organisation (and a site)',
        body: ScheduleInput,
        response: { 201: Schedule },
      },
      config: { policy: 'professional' },
    },
    async (request, reply) => reply.code(201).send(await createSchedule(deps, actorOf(request), request.body, languageOf(request))),
  );

  api.get(
    '/api/v1/schedules/:scheduleId',
    {
      schema: {
        tags,
        summary: 'A schedule: weekly openings, exceptions to come, consultation types',
        params: ScheduleParams,
        response: { 200: Schedule },
      },
      config: { policy: 'professional' },
    },
    async (request) => readSchedule(deps, actorOf(request), request.params.scheduleId),
  );

  api.put(
    '/api/v1/schedules/:scheduleId',
    {
      schema: {
        tags,
        summary: 'Changes a schedule’s site, time zone and territory',
        params: ScheduleParams,
        body: ScheduleUpdate,
        response: { 200: Schedule },
      },
      config: { policy: 'professional' },
    },
    async (request) => changeSchedule(deps, actorOf(request), request.params.scheduleId, request.body, languageOf(request)),
  );

  api.put(
    '/api/v1/schedules/:scheduleId/weekly-openings',
    {
      schema: {
        tags,
        summary: 'Replaces the weekly openings (wall time of the schedule’s zone)',
        params: ScheduleParams,
        body: WeeklyOpenings,
        response: { 200: Schedule },
      },
      config: { policy: 'professional' },
    },
    async (request) => setWeeklyOpenings(deps, actorOf(request), request.params.scheduleId, request.body),
  );

  api.post(
    '/api/v1/schedules/:scheduleId/exceptions',
    {
      schema: {
        tags,
        summary: 'Adds an exception: closed (holiday, absence) or an extra opening; exceptions never overlap',
        params: ScheduleParams,
        body: ExceptionInput,
        response: { 201: Schedule },
      },
      config: { policy: 'professional' },
    },
    async (request, reply) =>
      reply.code(201).send(await addException(deps, actorOf(request), request.params.scheduleId, request.body, languageOf(request))),
  );

  api.delete(
    '/api/v1/schedules/:scheduleId/exceptions/:exceptionId',
    {
      schema: { tags, summary: 'Removes an exception', params: ExceptionParams, response: { 204: z.null() } },
      config: { policy: 'professional' },
    },
    async (request, reply) => {
      await removeException(deps, actorOf(request), request.params.scheduleId, request.params.exceptionId);
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/api/v1/schedules/:scheduleId/consultation-types',
    {
      schema: {
        tags,
        summary: 'Adds a consultation type: modality, duration, buffer, notice, horizon, specialty and fee announced',
        params: ScheduleParams,
        body: ConsultationTypeInput,
        response: { 201: Schedule },
      },
      config: { policy: 'professional' },
    },
    async (request, reply) => reply.code(201).send(await addType(deps, actorOf(request), request.params.scheduleId, request.body)),
  );

  api.put(
    '/api/v1/schedules/:scheduleId/consultation-types/:typeId',
    {
      schema: {
        tags,
        summary: 'Changes a consultation type (booked appointments keep theirs)',
        params: TypeParams,
        body: ConsultationTypeInput,
        response: { 200: Schedule },
      },
      config: { policy: 'professional' },
    },
    async (request) => changeType(deps, actorOf(request), request.params.scheduleId, request.params.typeId, request.body),
  );

  api.delete(
    '/api/v1/schedules/:scheduleId/consultation-types/:typeId',
    {
      schema: { tags, summary: 'Stops offering a consultation type', params: TypeParams, response: { 200: Schedule } },
      config: { policy: 'professional' },
    },
    async (request) => changeType(deps, actorOf(request), request.params.scheduleId, request.params.typeId, { active: false }),
  );
}
