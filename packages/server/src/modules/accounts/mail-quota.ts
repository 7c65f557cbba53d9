import type { ServiceDeps } from '../../platform/context.js';
import { Problem } from '../../platform/http/problem.js';
import { takeQuota } from './throttle.js';

/** Mails one client address may cause in an hour (sign-ups, reset requests). */
const MAILS_PER_ADDRESS_PER_HOUR = 20;

/** Stands for "no such account" in a mail job: the job runs, finds nobody, sends nothing. */
export const NO_ACCOUNT = '00000000-0000-0000-0000-000000000000';

export async function refuseMailFlood(deps: ServiceDeps, address: string): Promise<void> {
  if (!(await takeQuota(deps.db, `mail-address:${address}`, MAILS_PER_ADDRESS_PER_HOUR, 3_600_000)))
    throw new Problem(429, 'too-many-requests', { retryAfterSeconds: 3_600 });
}
