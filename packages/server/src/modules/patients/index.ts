import { defineModule } from '../../platform/module.js';
import { serviceDeps } from '../../platform/context.js';
import { seedPatientsDemo } from './demo.js';
import { registerPatientRoutes } from './routes.js';
import type { PatientsTables } from './tables.js';

/** Patients: records and their INS traits, dependants, care relationships, access history. */
export const patients = defineModule<PatientsTables>({
  name: 'patients',
  tables: ['patients', 'care_relationships'],
  register: (app, ctx) => registerPatientRoutes(app, serviceDeps(ctx)),
  seedDemo: seedPatientsDemo,
});

export type { PatientsTables };
