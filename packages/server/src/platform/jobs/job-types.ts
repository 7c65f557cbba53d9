/**
 * Every job name and the payload it carries. Each module declares the jobs it defines beside its
 * service, by declaration merging:
 *
 *   declare module '../../platform/jobs/job-types.js' {
 *     interface JobTypes { 'appointment.remind': { appointmentId: string } }
 *   }
 *
 * Names are `context.action`. Payloads are plain JSON and small: identifiers, never health data.
 * The job table keeps them (completed jobs are archived after 12 hours and deleted 7 days later),
 * so a handler reads what it needs through the owning module's service when it runs.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the modules
export interface JobTypes {}
