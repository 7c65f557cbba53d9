import { defineTopic } from '../../platform/realtime/index.js';

/** The signed-in account's own live topic: its profile changed (on any node, from any tab). */
export const accountTopic = defineTopic({
  name: 'account',
  params: ['accountId'],
  authorize: (actor, { accountId }) => actor.accountId === accountId,
});
