import { serviceDeps } from '../../platform/context.js';
import { defineModule } from '../../platform/module.js';
import { createSmsSender } from '../../platform/sms/sms.js';
import type { SchedulingDeps } from './appointments.js';
import { sendDueMessages } from './delivery.js';
import { seedSchedulingDemo } from './demo.js';
import { agendaTopic, APPOINTMENT_SUBJECTS } from './live.js';
import { SCHEDULING_PROBLEMS } from './problems.js';
import { registerSchedulingRoutes } from './routes.js';
import type { SchedulingTables } from './tables.js';

/** Scheduling: availability, slot search, booking without double booking, the appointment's lifecycle, its mails, texts and reminders. */
export const scheduling = defineModule<SchedulingTables>({
  name: 'scheduling',
  tables: [
    'schedules',
    'consultation_types',
    'weekly_openings',
    'schedule_exceptions',
    'appointments',
    'appointment_history',
    'appointment_messages',
    'reminder_contacts',
  ],
  problems: SCHEDULING_PROBLEMS,
  register: (app, ctx) => {
    const deps: SchedulingDeps = { ...serviceDeps(ctx), jobs: ctx.jobs, sms: createSmsSender(ctx.config, ctx.logger) };
    // Each minute (and at once after a booking or a change), the messages that are due: confirmations, reminders.
    ctx.jobs.define(
      'scheduling.send-messages',
      async () => {
        await sendDueMessages(deps);
      },
      { cron: '* * * * *', policy: 'short', retryLimit: 2, retryDelay: 10, timeoutSeconds: 120 },
    );
    registerSchedulingRoutes(app, deps);
  },
  seedDemo: (tx, ids) => seedSchedulingDemo(tx, ids),
  topics: [agendaTopic],
  events: APPOINTMENT_SUBJECTS,
  jobs: ['scheduling.send-messages'],
});

export type { SchedulingTables };
