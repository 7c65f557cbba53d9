/**
 * Durable jobs (see jobs.ts for the guarantees). A module declares its job names and payloads in
 * `JobTypes` (job-types.ts), defines their handlers while registering, and sends or schedules them:
 *
 *   ctx.jobs.define('appointment.remind', async (job) => {
 *     const reminder = await scheduling.reminderFor(job.data.appointmentId);   // reads, outside
 *     await mailer.send(reminder.mail, { idempotencyKey: job.id });            // at least once
 *     await job.transaction((tx) => scheduling.markReminded(tx, reminder));    // with the completion
 *   }, { retryLimit: 5, retryDelay: 30 });
 *
 *   await ctx.jobs.send('appointment.remind', { appointmentId }, { startAfter: dayBefore, tx });
 *   await ctx.jobs.schedule('telemonitoring.missing-readings', '0 8 * * *', {});      // Europe/Paris
 */
export { createJobs, JobLostError } from './jobs.js';
export type { Job, JobDefinition, JobHandler, JobPolicy, Jobs, JobsOptions, ScheduleOptions, SendOptions } from './jobs.js';
export type { JobTypes } from './job-types.js';
