import { answer, api } from '../../api/client.js';
import { ApiProblem } from '../../api/problem.js';
import type { Reply, RequestBody } from '../../api/types.js';

// The shapes of the teleconsultation routes, named from the OpenAPI document.
export type Visit = Reply<'/api/v1/appointments/{appointmentId}/teleconsultation', 'get'>;
export type VisitState = Visit['state'];
export type WaitingPatient = Reply<'/api/v1/teleconsultation/waiting-room', 'get'>['patients'][number];
export type RoomToken = Reply<'/api/v1/appointments/{appointmentId}/teleconsultation/room-token', 'post'>;
export type EndRequest = RequestBody<'/api/v1/appointments/{appointmentId}/teleconsultation/end', 'post'>;
export type QualityReport = RequestBody<'/api/v1/appointments/{appointmentId}/teleconsultation/quality', 'put'>;
export type ConnectivityReport = RequestBody<'/api/v1/appointments/{appointmentId}/teleconsultation/connectivity', 'put'>;
export type Connectivity = Reply<'/api/v1/appointments/{appointmentId}/teleconsultation/connectivity', 'put'>;
export type AudioOnlyReason = RequestBody<'/api/v1/appointments/{appointmentId}/teleconsultation/audio-only', 'post'>['reason'];

const visitOf = (appointmentId: string) => ({ params: { path: { appointmentId } } });

// Files shared in the call: sent raw (the bytes are the body), kept in the patient's record.
export type SharedFile = Reply<'/api/v1/appointments/{appointmentId}/teleconsultation/files', 'get'>[number];
/** The server's limit (it checks again, and names the field when it refuses). */
export const MAX_SHARED_FILE_BYTES = 10 * 1024 * 1024;
export const SHARED_FILE_ACCEPT = 'image/jpeg,image/png,image/webp,application/pdf,.jpg,.jpeg,.png,.webp,.pdf';
const rawFile = (file: File) => ({
  body: file as never,
  bodySerializer: (body: unknown) => body as BodyInit,
  headers: { 'content-type': 'application/octet-stream' },
});

export const teleconsultationKeys = {
  all: ['teleconsultation'] as const,
  visit: (appointmentId: string) => ['teleconsultation', 'visit', appointmentId] as const,
  files: (appointmentId: string) => ['teleconsultation', 'files', appointmentId] as const,
  waitingRoom: ['teleconsultation', 'waiting-room'] as const,
  /** Under the waiting room's key: its reload reloads them too. */
  connectivity: (appointmentId: string) => ['teleconsultation', 'waiting-room', 'connectivity', appointmentId] as const,
};

export const teleconsultationApi = {
  visit: (appointmentId: string) => answer(api.GET('/api/v1/appointments/{appointmentId}/teleconsultation', visitOf(appointmentId))),
  checkIn: (appointmentId: string) =>
    answer(api.POST('/api/v1/appointments/{appointmentId}/teleconsultation/check-in', visitOf(appointmentId))),
  waitingRoom: () => answer(api.GET('/api/v1/teleconsultation/waiting-room')),
  admit: (appointmentId: string) => answer(api.POST('/api/v1/appointments/{appointmentId}/teleconsultation/admit', visitOf(appointmentId))),
  postpone: (appointmentId: string, body: RequestBody<'/api/v1/appointments/{appointmentId}/teleconsultation/postpone', 'post'>) =>
    answer(api.POST('/api/v1/appointments/{appointmentId}/teleconsultation/postpone', { ...visitOf(appointmentId), body })),
  cancel: (appointmentId: string, body: RequestBody<'/api/v1/appointments/{appointmentId}/teleconsultation/cancel', 'post'>) =>
    answer(api.POST('/api/v1/appointments/{appointmentId}/teleconsultation/cancel', { ...visitOf(appointmentId), body })),
  end: (appointmentId: string, body: EndRequest) =>
    answer(api.POST('/api/v1/appointments/{appointmentId}/teleconsultation/end', { ...visitOf(appointmentId), body })),
  roomToken: (appointmentId: string) =>
    answer(api.POST('/api/v1/appointments/{appointmentId}/teleconsultation/room-token', visitOf(appointmentId))),
  reportQuality: (appointmentId: string, body: QualityReport) =>
    api.PUT('/api/v1/appointments/{appointmentId}/teleconsultation/quality', { ...visitOf(appointmentId), body }),
  audioOnly: (appointmentId: string, reason: AudioOnlyReason) =>
    answer(api.POST('/api/v1/appointments/{appointmentId}/teleconsultation/audio-only', { ...visitOf(appointmentId), body: { reason } })),
  iceServers: () => answer(api.GET('/api/v1/teleconsultation/ice-servers')),
  files: (appointmentId: string) => answer(api.GET('/api/v1/appointments/{appointmentId}/teleconsultation/files', visitOf(appointmentId))),
  shareFile: (appointmentId: string, file: File) =>
    answer(
      api.POST('/api/v1/appointments/{appointmentId}/teleconsultation/files', {
        params: { path: { appointmentId }, query: { name: file.name } },
        ...rawFile(file),
      }),
    ),
  reportConnectivity: (appointmentId: string, body: ConnectivityReport) =>
    answer(api.PUT('/api/v1/appointments/{appointmentId}/teleconsultation/connectivity', { ...visitOf(appointmentId), body })),
  connectivity: (appointmentId: string) =>
    answer(api.GET('/api/v1/appointments/{appointmentId}/teleconsultation/connectivity', visitOf(appointmentId))),
  consentInformation: () => answer(api.GET('/api/v1/consent-information/{act}', { params: { path: { act: 'teleconsultation' } } })),
  consents: (patientId: string) => answer(api.GET('/api/v1/patients/{patientId}/consents', { params: { path: { patientId } } })),
  giveConsent: (patientId: string, informationVersion: string) =>
    answer(
      api.POST('/api/v1/patients/{patientId}/consents', {
        params: { path: { patientId } },
        body: { act: 'teleconsultation', informationVersion },
      }),
    ),
};

// Assisted teleconsultations: invitations (practitioner, patient), the assistant's own calls (their
// credential as a bearer, no session), the measurements shared in the call.
export type Assistant = Reply<'/api/v1/appointments/{appointmentId}/teleconsultation/assistants', 'get'>[number];
export type AssistantKind = Assistant['kind'];
export type Invitation = Reply<'/api/v1/appointments/{appointmentId}/teleconsultation/invitations', 'post'>;
export type Measurement = Reply<'/api/v1/appointments/{appointmentId}/teleconsultation/measurements', 'get'>[number];
export type MeasurementRequest = RequestBody<'/api/v1/teleconsultation/assist/measurements', 'post'>;
export type InvitationInfo = Reply<'/api/v1/teleconsultation/invitations/check', 'post'>;
export type RedeemRequest = RequestBody<'/api/v1/teleconsultation/invitations/redeem', 'post'>;
export type AssistVisit = Reply<'/api/v1/teleconsultation/assist', 'get'>;

const bearer = (credential: string) => ({ headers: { authorization: `Bearer ${credential}` } });

export const assistKeys = {
  assistants: (appointmentId: string) => ['teleconsultation', 'assistants', appointmentId] as const,
  measurements: (appointmentId: string) => ['teleconsultation', 'measurements', appointmentId] as const,
  invitation: (token: string) => ['teleconsultation', 'invitation', token] as const,
  visit: (credential: string) => ['teleconsultation', 'assist', credential] as const,
  own: (credential: string) => ['teleconsultation', 'assist', credential, 'measurements'] as const,
  files: (credential: string) => ['teleconsultation', 'assist', credential, 'files'] as const,
};

export const assistApi = {
  invite: (appointmentId: string, body: RequestBody<'/api/v1/appointments/{appointmentId}/teleconsultation/invitations', 'post'>) =>
    answer(api.POST('/api/v1/appointments/{appointmentId}/teleconsultation/invitations', { ...visitOf(appointmentId), body })),
  assistants: (appointmentId: string) =>
    answer(api.GET('/api/v1/appointments/{appointmentId}/teleconsultation/assistants', visitOf(appointmentId))),
  withdraw: (appointmentId: string, invitationId: string) =>
    answer(
      api.POST('/api/v1/appointments/{appointmentId}/teleconsultation/invitations/{invitationId}/withdraw', {
        params: { path: { appointmentId, invitationId } },
      }),
    ),
  measurements: (appointmentId: string) =>
    answer(api.GET('/api/v1/appointments/{appointmentId}/teleconsultation/measurements', visitOf(appointmentId))),
  check: (token: string) => answer(api.POST('/api/v1/teleconsultation/invitations/check', { body: { token } })),
  redeem: (body: RedeemRequest) => answer(api.POST('/api/v1/teleconsultation/invitations/redeem', { body })),
  visit: (credential: string) => answer(api.GET('/api/v1/teleconsultation/assist', bearer(credential))),
  roomToken: (credential: string) => answer(api.POST('/api/v1/teleconsultation/assist/room-token', bearer(credential))),
  share: (credential: string, body: MeasurementRequest) =>
    answer(api.POST('/api/v1/teleconsultation/assist/measurements', { ...bearer(credential), body })),
  own: (credential: string) => answer(api.GET('/api/v1/teleconsultation/assist/measurements', bearer(credential))),
  files: (credential: string) => answer(api.GET('/api/v1/teleconsultation/assist/files', bearer(credential))),
  shareFile: (credential: string, file: File) =>
    answer(
      api.POST('/api/v1/teleconsultation/assist/files', {
        params: { query: { name: file.name } },
        ...rawFile(file),
        headers: { ...bearer(credential).headers, 'content-type': 'application/octet-stream' },
      }),
    ),
  /** A file of the visit as a blob (the credential goes in a header, which a plain link cannot carry). */
  fileBlob: async (credential: string, url: string) => {
    const response = await fetch(url, bearer(credential));
    if (!response.ok) throw await ApiProblem.of(response);
    return response.blob();
  },
};
