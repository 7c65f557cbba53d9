import { serviceDeps } from '../../platform/context.js';
import { defineModule } from '../../platform/module.js';
import { createSmsSender } from '../../platform/sms/sms.js';
import { readAppointment } from '../scheduling/service.js';
import { seedTriageDemo } from './demo.js';
import { TRIAGE_PROBLEMS } from './problems.js';
import { registerTriageRoutes } from './routes.js';
import { linkAnswersToBooking, recordAppointmentOutcome } from './service.js';
import type { TriageTables } from './tables.js';

/** Triage: the pre-teleconsultation questionnaire, its orientation (the 15, in person, teleconsultation, advice), organisations' copies, the funnel. */
export const triage = defineModule<TriageTables>({
  name: 'triage',
  tables: ['triage_questionnaires', 'triage_responses', 'triage_funnel_events'],
  problems: TRIAGE_PROBLEMS,
  register: (app, ctx) => {
    const deps = serviceDeps(ctx);
    const schedulingDeps = { ...deps, sms: createSmsSender(ctx.config, ctx.logger) };
    registerTriageRoutes(app, deps, async (actor, appointmentId) => {
      const appointment = await readAppointment(schedulingDeps, actor, appointmentId);
      return { patientId: appointment.patient.id, status: appointment.status };
    });
    // The funnel's end: the practitioner saw the patient, or reoriented them after the call.
    const stop = ctx.events.subscribe(
      'appointment.status-changed',
      async ({ payload }) => {
        if (payload.status === 'in-progress' || payload.status === 'completed')
          await recordAppointmentOutcome(deps, payload.appointmentId, 'seen');
        if (payload.status === 'reoriented') await recordAppointmentOutcome(deps, payload.appointmentId, 'reoriented');
      },
      { queue: 'triage.funnel' },
    );
    // Answers given just before a booking belong to it.
    const stopLinking = ctx.events.subscribe(
      'appointment.booked',
      async ({ payload }) => linkAnswersToBooking(deps, { patientId: payload.patientId, appointmentId: payload.appointmentId }),
      { queue: 'triage.link' },
    );
    app.addHook('onClose', async () => {
      stop();
      stopLinking();
    });
  },
  seedDemo: (tx, ids) => seedTriageDemo(tx, ids),
});

export type { TriageTables };
