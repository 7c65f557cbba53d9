import i18n from '../../i18n/index.js';

/*
 * The identity, organisation and access-history calls. A thin fetch wrapper rather than the typed
 * openapi-fetch client: the generated schema is not always there, and these shapes mirror the
 * server's zod schemas (packages/server/src/modules/identity/schemas.ts, organisation-schemas.ts).
 */

export type Locale = 'fr' | 'en';
export type Sex = 'F' | 'M' | 'I';
export type MembershipRole = 'admin' | 'practitioner' | 'regulator';

export interface Me {
  id: string;
  email: string;
  givenName: string;
  familyName: string;
  locale: Locale;
  csrfToken: string;
  secondFactor: { enrolled: boolean; pending: boolean };
  isProfessional: boolean;
  memberships: { organisationId: string; organisationName: string; role: MembershipRole }[];
  patients: { id: string; firstNames: string; birthName: string; isSelf: boolean }[];
}

/** The INS traits (référentiel INS) of a patient. */
export interface PatientIdentity {
  birthName: string;
  firstNames: string;
  usedName?: string;
  sex: Sex;
  birthDate: string;
  birthPlaceInsee?: string;
  nir?: string;
}

export interface Registration {
  email: string;
  password: string;
  givenName: string;
  familyName: string;
  locale: Locale;
  identity: PatientIdentity;
}

export interface LoginReply {
  next: 'done' | 'second-factor' | 'enrol-second-factor';
  csrfToken: string;
}

export interface Patient {
  id: string;
  birthName: string;
  firstNames: string;
  usedName: string | null;
  sex: Sex;
  birthDate: string;
  birthPlaceInsee: string | null;
  ins: string | null;
  identityStatus: 'provisoire' | 'recuperee' | 'validee' | 'qualifiee';
  isSelf: boolean;
}

export interface AccessEntry {
  at: string;
  who: string;
  role: string;
  organisation: string | null;
  action: string;
  resourceType: string;
}

export interface Site {
  id: string;
  name: string;
  address: string | null;
  postalCode: string | null;
  city: string | null;
  finess: string | null;
}

export interface Organisation {
  id: string;
  name: string;
  finess: string | null;
  sites: Site[];
}

export interface SiteInput {
  name: string;
  address?: string;
  postalCode?: string;
  city?: string;
  finess?: string;
}

export interface Member {
  accountId: string;
  email: string;
  givenName: string;
  familyName: string;
  role: MembershipRole;
  profession: string | null;
  specialty: string | null;
  rpps: string | null;
  invitationPending: boolean;
}

// The specialties of the rules contract: one list for the rules, the server and the screens.
import type { Profession, Specialty } from '@parcours/domain';
export { PROFESSIONS, SPECIALTIES, type Profession, type Specialty } from '@parcours/domain';

export interface Invitation {
  email: string;
  givenName: string;
  familyName: string;
  role: MembershipRole;
  profession?: Profession;
  specialty?: Specialty;
  rpps?: string;
  sector?: 1 | 2;
  optam?: boolean;
  locale: Locale;
}

/** One offending field of a request, as the server names it (`identity.birthDate`). */
export interface FieldIssue {
  field: string;
  code: string;
  message: string;
}

const PROBLEM_PREFIX = 'urn:parcours:problem:';

/** An RFC 9457 problem the API answered with; `title` is already in the user's language. */
export class ApiProblem extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly errors: FieldIssue[];

  constructor(problem: { status: number; type: string; title: string; errors?: FieldIssue[] }) {
    super(problem.title);
    this.name = 'ApiProblem';
    this.status = problem.status;
    this.type = problem.type;
    this.title = problem.title;
    this.errors = problem.errors ?? [];
  }

  /** The stable part of the type: `invalid-credentials` for `urn:parcours:problem:invalid-credentials`. */
  get slug(): string {
    return this.type.startsWith(PROBLEM_PREFIX) ? this.type.slice(PROBLEM_PREFIX.length) : this.type;
  }
}

// The session's anti-CSRF token, from the last log-in or /me answer; every write sends it back.
let csrfToken: string | null = null;

export function rememberCsrfToken(token: string | null): void {
  csrfToken = token;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function isFieldIssue(value: unknown): value is FieldIssue {
  return typeof value === 'object' && value !== null && typeof (value as FieldIssue).field === 'string';
}

async function problemOf(response: Response): Promise<ApiProblem> {
  const body: unknown = await response.json().catch(() => null);
  if (typeof body === 'object' && body !== null && typeof (body as { title?: unknown }).title === 'string') {
    const document = body as { type?: unknown; title: string; errors?: unknown };
    return new ApiProblem({
      status: response.status,
      type: typeof document.type === 'string' ? document.type : 'about:blank',
      title: document.title,
      errors: Array.isArray(document.errors) ? document.errors.filter(isFieldIssue) : [],
    });
  }
  return new ApiProblem({
    status: response.status,
    type: 'about:blank',
    title: i18n.t('identity.common.unexpectedStatus', { status: response.status }),
  });
}

/** Same-origin JSON call; problems (and network failures) are thrown as ApiProblem. */
export async function call<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json', 'accept-language': i18n.language };
  // No content-type without a body: the server refuses an empty JSON body.
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (WRITES.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiProblem({ status: 0, type: `${PROBLEM_PREFIX}network`, title: i18n.t('identity.common.network') });
  }
  if (!response.ok) throw await problemOf(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

const id = encodeURIComponent;

export const identityApi = {
  me: async (): Promise<Me> => {
    const me = await call<Me>('GET', '/api/v1/me');
    rememberCsrfToken(me.csrfToken);
    return me;
  },
  updateMe: (update: { locale?: Locale; givenName?: string; familyName?: string }) => call<void>('PATCH', '/api/v1/me', update),
  addDependant: (identity: PatientIdentity) => call<{ id: string }>('POST', '/api/v1/me/dependants', identity),

  register: (registration: Registration) => call<{ status: 'accepted' }>('POST', '/api/v1/auth/register', registration),
  verifyEmail: (token: string) => call<void>('POST', '/api/v1/auth/verify-email', { token }),
  login: async (credentials: { email: string; password: string }): Promise<LoginReply> => {
    const reply = await call<LoginReply>('POST', '/api/v1/auth/login', credentials);
    rememberCsrfToken(reply.csrfToken);
    return reply;
  },
  logout: () => call<void>('POST', '/api/v1/auth/logout'),
  startEnrolment: () => call<{ secret: string; uri: string }>('POST', '/api/v1/auth/second-factor/enrolment'),
  confirmEnrolment: (code: string) => call<{ recoveryCodes: string[] }>('POST', '/api/v1/auth/second-factor/enrolment/confirm', { code }),
  verifySecondFactor: (answer: { code: string } | { recoveryCode: string }) =>
    call<void>('POST', '/api/v1/auth/second-factor/verify', answer),
  forgotPassword: (email: string) => call<{ status: 'accepted' }>('POST', '/api/v1/auth/password/forgot', { email }),
  resetPassword: (token: string, password: string) => call<void>('POST', '/api/v1/auth/password/reset', { token, password }),
  acceptInvitation: (token: string, password: string) => call<void>('POST', '/api/v1/auth/invitation/accept', { token, password }),

  patient: (patientId: string) => call<Patient>('GET', `/api/v1/patients/${id(patientId)}`),
  accessHistory: (patientId: string, page: { limit: number; before?: string }) => {
    const query = new URLSearchParams({ limit: String(page.limit), ...(page.before ? { before: page.before } : {}) });
    return call<AccessEntry[]>('GET', `/api/v1/patients/${id(patientId)}/access-history?${query}`);
  },

  organisation: (organisationId: string) => call<Organisation>('GET', `/api/v1/organisations/${id(organisationId)}`),
  members: (organisationId: string) => call<Member[]>('GET', `/api/v1/organisations/${id(organisationId)}/members`),
  addSite: (organisationId: string, site: SiteInput) =>
    call<{ id: string }>('POST', `/api/v1/organisations/${id(organisationId)}/sites`, site),
  invite: (organisationId: string, invitation: Invitation) =>
    call<{ accountId: string }>('POST', `/api/v1/organisations/${id(organisationId)}/invitations`, invitation),
};
