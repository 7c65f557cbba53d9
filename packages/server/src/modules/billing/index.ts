import { serviceDeps } from '../../platform/context.js';
import { defineModule } from '../../platform/module.js';
import { BILLING_PROBLEMS } from './problems.js';
import { registerBillingRoutes } from './routes.js';
import type { BillingTables } from './tables.js';

/** Billing: the insurance situation, the reimbursement estimate and the practitioner's billing decision. */
export const billing = defineModule<BillingTables>({
  name: 'billing',
  tables: ['insurance_situations'],
  problems: BILLING_PROBLEMS,
  register: (app, ctx) => registerBillingRoutes(app, serviceDeps(ctx)),
});

export type { BillingTables };
