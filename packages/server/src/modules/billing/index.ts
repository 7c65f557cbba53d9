import { serviceDeps } from '../../platform/context.js';
import { defineModule } from '../../platform/module.js';
import { seedBillingDemo } from './demo.js';
import { StripePaymentProvider } from './payments/stripe.js';
import { BILLING_PROBLEMS } from './problems.js';
import { registerBillingRoutes } from './routes.js';
import type { BillingTables } from './tables.js';

/**
 * Billing: the insurance situation, the reimbursement estimate, the practitioner's billing decision,
 * the billing record of each act when it ends, and its payments (cheque, transfer, card online).
 */
export const billing = defineModule<BillingTables>({
  name: 'billing',
  tables: ['insurance_situations', 'billing_records', 'billing_payments', 'billing_checkouts', 'billing_provider_events'],
  problems: BILLING_PROBLEMS,
  register: (app, ctx) =>
    registerBillingRoutes(app, {
      ...serviceDeps(ctx),
      provider: ctx.config.stripe ? new StripePaymentProvider(ctx.config.stripe) : undefined,
      publicUrl: ctx.config.publicUrl,
    }),
  seedDemo: seedBillingDemo,
});

export type { BillingTables };
