import type { Actor } from './actor.js';
import { problem } from '../http/problem.js';

/**
 * What a route requires of the caller, declared on every route (`config: { policy }`); a route under
 * /api/v1 without one makes the app refuse to start — deny by default.
 * - public: anyone (nothing personal is read or written)
 * - session: a password-authenticated session whose second factor may still be pending (TOTP steps)
 * - signed-in: a complete session (second factor done where required)
 * - professional: signed in as a health professional or regulator of some organisation
 * Finer checks (this patient, this organisation, a care relationship) are made by the services
 * with `authorize…` below, since they need the resource.
 */
export type RoutePolicy = 'public' | 'session' | 'signed-in' | 'professional';

export const ROUTE_POLICIES: readonly RoutePolicy[] = ['public', 'session', 'signed-in', 'professional'];

/** The account manages this patient record: their own, or a dependant's. */
export function managesPatient(actor: Actor, patientId: string): boolean {
  return actor.patientIds.includes(patientId);
}

export function isAdminOf(actor: Actor, organisationId: string): boolean {
  return actor.memberships.some((m) => m.organisationId === organisationId && m.role === 'admin');
}

export function isMemberOf(actor: Actor, organisationId: string): boolean {
  return actor.memberships.some((m) => m.organisationId === organisationId);
}

export function authorizeOrganisationAdmin(actor: Actor, organisationId: string): void {
  // 404 rather than 403 for an organisation the actor is not part of: its existence is not theirs to learn.
  if (!isMemberOf(actor, organisationId)) throw problem.notFound();
  if (!isAdminOf(actor, organisationId)) throw problem.forbidden();
}
