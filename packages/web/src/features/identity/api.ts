import { answer, api, rememberCsrfToken } from '../../api/client.js';
import type { Reply, RequestBody } from '../../api/types.js';

// The shapes of the identity, organisation and access-history routes, named from the OpenAPI document.
export type Me = Reply<'/api/v1/me', 'get'>;
export type Locale = Me['locale'];
export type MembershipRole = Me['memberships'][number]['role'];
export type Registration = RequestBody<'/api/v1/auth/register', 'post'>;
export type PatientIdentity = RequestBody<'/api/v1/me/dependants', 'post'>;
export type Sex = PatientIdentity['sex'];
export type Patient = Reply<'/api/v1/patients/{patientId}', 'get'>;
export type AccessHistoryPage = Reply<'/api/v1/patients/{patientId}/access-history', 'get'>;
export type AccessEntry = AccessHistoryPage['entries'][number];
export type Organisation = Reply<'/api/v1/organisations/{organisationId}', 'get'>;
export type SiteInput = RequestBody<'/api/v1/organisations/{organisationId}/sites', 'post'>;
export type Member = Reply<'/api/v1/organisations/{organisationId}/members', 'get'>[number];
export type Invitation = RequestBody<'/api/v1/organisations/{organisationId}/invitations', 'post'>;
export type SecondFactorAnswer = RequestBody<'/api/v1/auth/second-factor/verify', 'post'>;
export type PendingInvitation = Reply<'/api/v1/me/invitations', 'get'>[number];

const patient = (patientId: string) => ({ path: { patientId } });
const organisation = (organisationId: string) => ({ path: { organisationId } });

export const identityApi = {
  me: async (): Promise<Me> => {
    const me = await answer(api.GET('/api/v1/me'));
    rememberCsrfToken(me.csrfToken);
    return me;
  },
  updateMe: (body: RequestBody<'/api/v1/me', 'patch'>) => answer(api.PATCH('/api/v1/me', { body })),
  addDependant: (body: PatientIdentity) => answer(api.POST('/api/v1/me/dependants', { body })),
  /** Invitations to join an organisation, waiting for this account's answer. */
  invitations: () => answer(api.GET('/api/v1/me/invitations')),
  answerInvitation: (invitationId: string, reply: 'accept' | 'decline') =>
    reply === 'accept'
      ? answer(api.POST('/api/v1/me/invitations/{invitationId}/accept', { params: { path: { invitationId } } }))
      : answer(api.POST('/api/v1/me/invitations/{invitationId}/decline', { params: { path: { invitationId } } })),

  register: (body: Registration) => answer(api.POST('/api/v1/auth/register', { body })),
  verifyEmail: (token: string) => answer(api.POST('/api/v1/auth/verify-email', { body: { token } })),
  login: async (body: RequestBody<'/api/v1/auth/login', 'post'>) => {
    const reply = await answer(api.POST('/api/v1/auth/login', { body }));
    rememberCsrfToken(reply.csrfToken);
    return reply;
  },
  logout: () => answer(api.POST('/api/v1/auth/logout')),
  startEnrolment: () => answer(api.POST('/api/v1/auth/second-factor/enrolment')),
  confirmEnrolment: (code: string) => answer(api.POST('/api/v1/auth/second-factor/enrolment/confirm', { body: { code } })),
  verifySecondFactor: (body: SecondFactorAnswer) => answer(api.POST('/api/v1/auth/second-factor/verify', { body })),
  forgotPassword: (email: string) => answer(api.POST('/api/v1/auth/password/forgot', { body: { email } })),
  resetPassword: (token: string, password: string) => answer(api.POST('/api/v1/auth/password/reset', { body: { token, password } })),
  acceptInvitation: (token: string, password: string) => answer(api.POST('/api/v1/auth/invitation/accept', { body: { token, password } })),

  patient: (patientId: string) => answer(api.GET('/api/v1/patients/{patientId}', { params: patient(patientId) })),
  accessHistory: (patientId: string, query: { before?: string; hideOwnViews?: 'true' }) =>
    answer(api.GET('/api/v1/patients/{patientId}/access-history', { params: { ...patient(patientId), query } })),

  organisation: (organisationId: string) =>
    answer(api.GET('/api/v1/organisations/{organisationId}', { params: organisation(organisationId) })),
  members: (organisationId: string) =>
    answer(api.GET('/api/v1/organisations/{organisationId}/members', { params: organisation(organisationId) })),
  addSite: (organisationId: string, body: SiteInput) =>
    answer(api.POST('/api/v1/organisations/{organisationId}/sites', { params: organisation(organisationId), body })),
  invite: (organisationId: string, body: Invitation) =>
    answer(api.POST('/api/v1/organisations/{organisationId}/invitations', { params: organisation(organisationId), body })),
};
