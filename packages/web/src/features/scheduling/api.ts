import { answer, api } from '../../api/client.js';
import type { paths } from '../../api/schema.js';
import type { Reply, RequestBody } from '../../api/types.js';

// The shapes of the scheduling routes, named from the OpenAPI document.
export type SlotSearch = Reply<'/api/v1/slots', 'get'>;
export type Offer = SlotSearch['offers'][number];
export type Slot = SlotSearch['slots'][number];
export type Modality = Offer['modality'];
export type Appointment = Reply<'/api/v1/patients/{patientId}/appointments', 'get'>[number];
export type AppointmentDetail = Reply<'/api/v1/appointments/{appointmentId}', 'get'>;
export type AppointmentStatus = Appointment['status'];
export type SlotEstimate = Reply<'/api/v1/patients/{patientId}/appointment-estimate', 'post'>;
export type EstimateAnswers = RequestBody<'/api/v1/patients/{patientId}/appointment-estimate', 'post'>;
export type Schedule = Reply<'/api/v1/schedules', 'get'>[number];
export type ScheduleInput = RequestBody<'/api/v1/schedules', 'post'>;
export type ScheduleUpdate = RequestBody<'/api/v1/schedules/{scheduleId}', 'put'>;
export type Opening = RequestBody<'/api/v1/schedules/{scheduleId}/weekly-openings', 'put'>['openings'][number];
export type ExceptionInput = RequestBody<'/api/v1/schedules/{scheduleId}/exceptions', 'post'>;
export type ConsultationTypeInput = RequestBody<'/api/v1/schedules/{scheduleId}/consultation-types', 'post'>;
export type StatusChange = RequestBody<'/api/v1/appointments/{appointmentId}/status', 'post'>['status'];
export type SlotQuery = NonNullable<paths['/api/v1/slots']['get']['parameters']['query']>;

const appointment = (appointmentId: string) => ({ path: { appointmentId } });
const schedule = (scheduleId: string) => ({ path: { scheduleId } });

export const schedulingApi = {
  slots: (query: SlotQuery) => answer(api.GET('/api/v1/slots', { params: { query } })),
  /** The key makes a retried confirmation (a double tap, a lost answer) return the same appointment. */
  book: (body: RequestBody<'/api/v1/appointments', 'post'>, idempotencyKey: string) =>
    answer(api.POST('/api/v1/appointments', { body, params: { header: { 'idempotency-key': idempotencyKey } } })),
  estimate: (patientId: string, body: EstimateAnswers) =>
    answer(api.POST('/api/v1/patients/{patientId}/appointment-estimate', { params: { path: { patientId } }, body })),
  appointments: (patientId: string) =>
    answer(api.GET('/api/v1/patients/{patientId}/appointments', { params: { path: { patientId }, query: { when: 'all' } } })),
  appointment: (appointmentId: string) => answer(api.GET('/api/v1/appointments/{appointmentId}', { params: appointment(appointmentId) })),
  cancel: (appointmentId: string, reason?: string) =>
    answer(api.POST('/api/v1/appointments/{appointmentId}/cancel', { params: appointment(appointmentId), body: reason ? { reason } : {} })),
  reschedule: (appointmentId: string, body: RequestBody<'/api/v1/appointments/{appointmentId}/reschedule', 'post'>) =>
    answer(api.POST('/api/v1/appointments/{appointmentId}/reschedule', { params: appointment(appointmentId), body })),
  changeStatus: (appointmentId: string, status: StatusChange) =>
    answer(api.POST('/api/v1/appointments/{appointmentId}/status', { params: appointment(appointmentId), body: { status } })),
  agenda: (from: string, days: number) => answer(api.GET('/api/v1/agenda', { params: { query: { from, days } } })),
  schedules: () => answer(api.GET('/api/v1/schedules', { params: { query: {} } })),
  createSchedule: (body: ScheduleInput) => answer(api.POST('/api/v1/schedules', { body })),
  updateSchedule: (scheduleId: string, body: ScheduleUpdate) =>
    answer(api.PUT('/api/v1/schedules/{scheduleId}', { params: schedule(scheduleId), body })),
  setOpenings: (scheduleId: string, openings: Opening[]) =>
    answer(api.PUT('/api/v1/schedules/{scheduleId}/weekly-openings', { params: schedule(scheduleId), body: { openings } })),
  addException: (scheduleId: string, body: ExceptionInput) =>
    answer(api.POST('/api/v1/schedules/{scheduleId}/exceptions', { params: schedule(scheduleId), body })),
  removeException: (scheduleId: string, exceptionId: string) =>
    answer(api.DELETE('/api/v1/schedules/{scheduleId}/exceptions/{exceptionId}', { params: { path: { scheduleId, exceptionId } } })),
  addType: (scheduleId: string, body: ConsultationTypeInput) =>
    answer(api.POST('/api/v1/schedules/{scheduleId}/consultation-types', { params: schedule(scheduleId), body })),
  removeType: (scheduleId: string, typeId: string) =>
    answer(api.DELETE('/api/v1/schedules/{scheduleId}/consultation-types/{typeId}', { params: { path: { scheduleId, typeId } } })),
  reminderContact: () => answer(api.GET('/api/v1/reminder-contact')),
  setReminderContact: (mobile: string | null) => answer(api.PUT('/api/v1/reminder-contact', { body: { mobile } })),
};

export const schedulingKeys = {
  all: ['scheduling'] as const,
  slots: (query: SlotQuery) => ['scheduling', 'slots', query] as const,
  appointments: (patientId: string) => ['scheduling', 'appointments', patientId] as const,
  appointment: (appointmentId: string) => ['scheduling', 'appointment', appointmentId] as const,
  agenda: (from: string, days: number) => ['scheduling', 'agenda', from, days] as const,
  schedules: ['scheduling', 'schedules'] as const,
  reminderContact: ['scheduling', 'reminder-contact'] as const,
};

/** The appointment as an .ics file, for "add to my calendar" (a plain link: the session cookie goes with it). */
export const calendarUrl = (appointmentId: string) => `/api/v1/appointments/${encodeURIComponent(appointmentId)}/calendar.ics`;
