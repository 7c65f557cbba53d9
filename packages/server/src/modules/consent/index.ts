import { serviceDeps } from '../../platform/context.js';
import { defineModule } from '../../platform/module.js';
import { CONSENT_PROBLEMS } from './problems.js';
import { registerConsentRoutes } from './routes.js';
import type { ConsentTables } from './tables.js';

/** Consent: the information text of each act, and the patient's consent, given and withdrawn. */
export const consent = defineModule<ConsentTables>({
  name: 'consent',
  tables: ['consents'],
  problems: CONSENT_PROBLEMS,
  register: (app, ctx) => registerConsentRoutes(app, serviceDeps(ctx)),
});

export type { ConsentTables };
