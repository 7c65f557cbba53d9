import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { liveConnection } from '../../realtime/live.js';
import { useLiveTopic } from '../../realtime/useLiveTopic.js';
import type { Me } from './api.js';
import { isSignedIn, SESSION_KEY } from './session.js';

/** The signed-in account's own topic (the server's accounts module publishes to it). */
export const accountTopic = (accountId: string) => `account:${accountId}`;

/**
 * While an account is signed in, its profile follows changes made anywhere (another tab, another
 * device, through the API on another node): `account.updated` — or events missed while offline —
 * re-read /me, which the header and the profile page show.
 */
export function useAccountLive(me: Me | null | undefined): void {
  const queryClient = useQueryClient();
  const accountId = isSignedIn(me) ? me.id : null;
  const reread = () => void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
  useLiveTopic(accountId ? accountTopic(accountId) : null, {
    onEvent: (event) => {
      if (event.event === 'account.updated') reread();
    },
    onResync: reread,
  });
  // A new sign-in: a connection the server refused (an ended session) may try again.
  useEffect(() => {
    if (accountId && liveConnection().status === 'signed-out') liveConnection().reconnect();
  }, [accountId]);
}
