import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { rememberCsrfToken } from '../../api/client.js';
import { ApiProblem } from '../../api/problem.js';
import { liveConnection } from '../../realtime/live.js';
import type { Role } from '../../app/feature.js';
import { identityApi, type Me } from './api.js';

export const SESSION_KEY = ['identity', 'session'] as const;

/** The signed-in account, or null for a visitor (the API answers 401). */
export async function fetchSession(): Promise<Me | null> {
  try {
    return await identityApi.me();
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 401) {
      rememberCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 60_000, retry: false });
}

/** Signed in and past the second factor: the account may use the app. */
export function isSignedIn(me: Me | null | undefined): me is Me {
  return Boolean(me && !me.secondFactor.pending);
}

const ROLE_ORDER: Role[] = ['practitioner', 'regulator', 'admin'];

/**
 * The roles the navigation is built for (it takes their union): a visitor until the second factor is
 * given; else every role the memberships grant, and a patient's too for an account without any or
 * managing records (a doctor is someone's patient as well).
 */
export function rolesOf(me: Me | null | undefined): Role[] {
  if (!isSignedIn(me)) return ['visitor'];
  const held = new Set<Role>(me.memberships.map((membership) => membership.role));
  const roles = ROLE_ORDER.filter((role) => held.has(role));
  return me.memberships.length === 0 || me.patients.length > 0 ? ['patient', ...roles] : roles;
}

/** Re-reads the session now (after log-in, second factor, profile changes) and returns it. */
export function useRefreshSession() {
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.fetchQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 0 }), [queryClient]);
}

/** Ends the session, forgets everything cached for it, and goes home. */
export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: identityApi.logout,
    // Even if the server already ended the session (401), the browser forgets it.
    onSettled: () => {
      rememberCsrfToken(null);
      // The live connection was the session's: nothing more arrives for it.
      liveConnection().close();
      queryClient.clear();
      queryClient.setQueryData(SESSION_KEY, null);
      void navigate('/');
    },
  });
}
