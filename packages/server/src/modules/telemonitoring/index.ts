import { serviceDeps } from '../../platform/context.js';
import { defineModule } from '../../platform/module.js';
import { escalateOverdue, evaluateEveryone } from './checks.js';
import { seedTelemonitoringDemo } from './demo.js';
import { LIVE_EVENTS, telemonitoringTopic } from './live.js';
import { sendAlertMail } from './notify.js';
import { TELEMONITORING_PROBLEMS } from './problems.js';
import { registerTelemonitoringRoutes } from './routes.js';
import type { TelemonitoringTables } from './tables.js';

/** Telemonitoring: enrolment in the six programmes, device ingestion (FHIR R4), the alert engine's verdicts kept and acted on, the team's dashboard. */
export const telemonitoring = defineModule<TelemonitoringTables>({
  name: 'telemonitoring',
  tables: [
    'telemonitoring_enrolments',
    'telemonitoring_devices',
    'telemonitoring_readings',
    'telemonitoring_alerts',
    'telemonitoring_symptom_reports',
  ],
  problems: TELEMONITORING_PROBLEMS,
  register: async (app, ctx) => {
    const deps = serviceDeps(ctx);
    ctx.jobs.define('telemonitoring.notify', (job) => sendAlertMail(deps, job), { retryLimit: 5, retryDelay: 30 });
    // Every quarter of an hour: missing data against the cadence (the referential's alert that cannot be
    // switched off), alerts whose window closed, and escalation of what nobody acknowledged in time.
    ctx.jobs.define(
      'telemonitoring.check',
      async () => {
        await evaluateEveryone(deps);
        await escalateOverdue(deps);
      },
      { cron: '*/15 * * * *', policy: 'short', retryLimit: 2, retryDelay: 60, timeoutSeconds: 600 },
    );
    await registerTelemonitoringRoutes(app, deps);
  },
  seedDemo: (tx, ids) => seedTelemonitoringDemo(tx, ids),
  topics: [telemonitoringTopic],
  events: [...LIVE_EVENTS],
  jobs: ['telemonitoring.notify', 'telemonitoring.check'],
});

export type { TelemonitoringTables };
