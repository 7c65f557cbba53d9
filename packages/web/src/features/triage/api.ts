import type { TriageQuestionnaire } from '@parcours/domain';
import { answer, api } from '../../api/client.js';
import type { Reply, RequestBody } from '../../api/types.js';

// The shapes of the triage routes, named from the OpenAPI document.
export type TriageAnswered = Reply<'/api/v1/patients/{patientId}/triage/responses', 'post'>;
export type TriageSubmission = RequestBody<'/api/v1/patients/{patientId}/triage/responses', 'post'>;
export type TriageFunnel = Reply<'/api/v1/organisations/{organisationId}/triage/funnel', 'get'>;
export type AppointmentOrientation = Reply<'/api/v1/triage/appointment-orientations', 'get'>[number];

export const triageKeys = {
  questionnaire: (organisationId: string | undefined) => ['triage', 'questionnaire', organisationId ?? null] as const,
  latest: (patientId: string | undefined) => ['triage', 'latest', patientId ?? null] as const,
  appointments: (ids: readonly string[]) => ['triage', 'appointments', ...ids] as const,
};

export const triageApi = {
  /** The questionnaire to answer (an organisation's copy, or the default), with its rules. */
  questionnaire: async (organisationId?: string) => {
    const reply = await answer(api.GET('/api/v1/triage/questionnaire', { params: { query: organisationId ? { organisationId } : {} } }));
    return { ...reply, triage: reply.triage as unknown as TriageQuestionnaire };
  },
  submit: (patientId: string, body: TriageSubmission) =>
    answer(api.POST('/api/v1/patients/{patientId}/triage/responses', { params: { path: { patientId } }, body })),
  /** The patient's latest answers, if any. */
  latest: async (patientId: string) =>
    (await answer(api.GET('/api/v1/patients/{patientId}/triage/responses', { params: { path: { patientId }, query: { limit: 1 } } })))[0] ??
    null,
  /** The answers given again before the call replace the appointment's. */
  linkToAppointment: (patientId: string, responseId: string, appointmentId: string) =>
    answer(
      api.PUT('/api/v1/patients/{patientId}/triage/responses/{responseId}/appointment', {
        params: { path: { patientId, responseId } },
        body: { appointmentId },
      }),
    ),
  /** The patient's recent answers (latest first), to find those an appointment holds. */
  recent: (patientId: string) =>
    answer(api.GET('/api/v1/patients/{patientId}/triage/responses', { params: { path: { patientId }, query: { limit: 20 } } })),
  funnel: (body: RequestBody<'/api/v1/triage/funnel-events', 'post'>) => answer(api.POST('/api/v1/triage/funnel-events', { body })),
  copy: async (organisationId: string) => {
    const reply = await answer(
      api.GET('/api/v1/organisations/{organisationId}/triage/questionnaire', { params: { path: { organisationId } } }),
    );
    return { ...reply, triage: reply.triage as unknown as TriageQuestionnaire };
  },
  publish: (organisationId: string, triage: TriageQuestionnaire) =>
    answer(
      api.POST('/api/v1/organisations/{organisationId}/triage/questionnaire', {
        params: { path: { organisationId } },
        body: triage as unknown as RequestBody<'/api/v1/organisations/{organisationId}/triage/questionnaire', 'post'>,
      }),
    ),
  /** The organisation's funnel over the last `days` days, for its administrators. */
  statistics: (organisationId: string, days: number) =>
    answer(api.GET('/api/v1/organisations/{organisationId}/triage/funnel', { params: { path: { organisationId }, query: { days } } })),
  appointmentOrientations: (ids: readonly string[]) =>
    answer(api.GET('/api/v1/triage/appointment-orientations', { params: { query: { ids: ids.join(',') } } })),
};
