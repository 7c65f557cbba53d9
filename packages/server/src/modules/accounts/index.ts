import { serviceDeps } from '../../platform/context.js';
import { defineModule } from '../../platform/module.js';
import { authenticate } from './authenticate.js';
import { sessionCache } from './session-cache.js';
import { defineAccountMailJobs } from './mail-jobs.js';
import { seedAccountsDemo } from './demo.js';
import { ACCOUNTS_PROBLEMS } from './problems.js';
import { registerAccountRoutes } from './routes.js';
import type { AccountsTables } from './tables.js';
import { accountTopic } from './topics.js';

/** Accounts and sessions: sign-up, log-in, second factor, passwords, Pro Santé Connect (OIDC), the profile. */
export const accounts = defineModule<AccountsTables>({
  name: 'accounts',
  tables: ['accounts', 'practitioners', 'recovery_codes', 'sessions', 'email_tokens', 'login_throttle', 'oidc_logins'],
  problems: ACCOUNTS_PROBLEMS,
  register: (app, ctx) => {
    const deps = serviceDeps(ctx);
    defineAccountMailJobs(deps);
    registerAccountRoutes(app, deps);
  },
  authenticate: (ctx) => {
    const deps = serviceDeps(ctx);
    const sessions = sessionCache(ctx.events);
    return (request) => authenticate(deps, request, sessions);
  },
  seedDemo: seedAccountsDemo,
  topics: [accountTopic],
  events: ['session.ended', 'account.changed'],
  jobs: ['accounts.verify-email-mail', 'accounts.already-registered-mail', 'accounts.password-reset-mail'],
});

export type { AccountsTables };
export { DEMO_PASSWORD, DEMO_TOTP_SECRET, demoLogins } from './demo.js';
