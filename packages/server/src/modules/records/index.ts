import { serviceDeps } from '../../platform/context.js';
import { defineModule } from '../../platform/module.js';
import { createSmsSender } from '../../platform/sms/sms.js';
import { seedRecordsDemo } from './demo.js';
import { mailNotice } from './notice.js';
import { RECORDS_PROBLEMS } from './problems.js';
import { registerRecordsRoutes } from './routes.js';
import type { RecordsTables } from './tables.js';

/** Records: the report of a teleconsultation and its addenda, prescriptions, sick-leave notices, documents, the professionals' inbox. */
export const records = defineModule<RecordsTables>({
  name: 'records',
  tables: ['records_reports', 'records_addenda', 'records_prescriptions', 'records_sick_leaves', 'records_messages', 'records_files'],
  problems: RECORDS_PROBLEMS,
  register: (app, ctx) => {
    // The call's quality is read through teleconsultation's service, which needs scheduling's deps.
    const deps = { ...serviceDeps(ctx), sms: createSmsSender(ctx.config, ctx.logger) };
    // Retries 5–10 s after a failure, then twice as long each time: some five hours in all.
    ctx.jobs.define('records.notice', (job) => mailNotice(deps, job), { retryLimit: 12, retryDelay: 5 });
    registerRecordsRoutes(app, deps);
  },
  seedDemo: (tx, ids) => seedRecordsDemo(tx, ids),
  jobs: ['records.notice'],
});

export type { RecordsTables };
