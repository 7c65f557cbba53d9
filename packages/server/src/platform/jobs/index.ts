export { createJobs, JobLostError } from './jobs.js';
export type { Job, JobDefinition, JobHandler, JobPolicy, Jobs, JobsOptions, ScheduleOptions, SendOptions } from './jobs.js';
export type { JobTypes } from './job-types.js';
