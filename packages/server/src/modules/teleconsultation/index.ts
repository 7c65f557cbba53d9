import { serviceDeps } from '../../platform/context.js';
import { defineModule } from '../../platform/module.js';
import { createSmsSender } from '../../platform/sms/sms.js';
import { patientVisitsTopic, roomTopic, VISIT_SUBJECTS, waitingRoomTopic } from './live.js';
import { visitAssistanceTopic } from './assist-live.js';
import { billEndedActLater } from './billing-handoff.js';
import { ASSIST_PROBLEMS } from './assist-problems.js';
import { TELECONSULTATION_PROBLEMS } from './problems.js';
import { registerTeleconsultationRoutes } from './routes.js';
import type { TeleconsultationTables } from './tables.js';

/** Teleconsultation: the waiting room (check-in, admit, postpone, cancel), the call's room and its signaling, the end of the act and its quality. */
export const teleconsultation = defineModule<TeleconsultationTables>({
  name: 'teleconsultation',
  tables: [
    'teleconsultation_visits',
    'teleconsultation_quality',
    'teleconsultation_connectivity',
    'teleconsultation_assistants',
    'teleconsultation_measurements',
  ],
  problems: { ...TELECONSULTATION_PROBLEMS, ...ASSIST_PROBLEMS },
  register: (app, ctx) => {
    const deps = { ...serviceDeps(ctx), sms: createSmsSender(ctx.config, ctx.logger) };
    ctx.jobs.define('teleconsultation.bill-act', (job) => billEndedActLater(deps, job), { retryLimit: 10, retryDelay: 60 });
    return registerTeleconsultationRoutes(app, deps);
  },
  topics: [patientVisitsTopic, waitingRoomTopic, roomTopic, visitAssistanceTopic],
  events: VISIT_SUBJECTS,
  jobs: ['teleconsultation.bill-act'],
});

export type { TeleconsultationTables };
