import { defineFeature } from '../../app/feature.js';
import { ActsPage } from './ActsPage.js';
import { BillingDecisionPage } from './BillingDecisionPage.js';
import { CarePatientsPage } from './CarePatientsPage.js';
import { EstimatePage } from './EstimatePage.js';
import { PatientPaymentsPage } from './PatientPaymentsPage.js';
import { BILLING_PATHS } from './paths.js';
import { en, fr } from './strings.js';

export default defineFeature({
  name: 'billing',
  strings: { fr, en },
  pages: [
    { path: BILLING_PATHS.estimate, element: <EstimatePage />, signedIn: true, menu: { label: 'estimate', roles: ['patient'] } },
    {
      path: BILLING_PATHS.carePatients,
      element: <CarePatientsPage />,
      signedIn: true,
      menu: { label: 'patients', roles: ['practitioner'] },
    },
    { path: BILLING_PATHS.billing, element: <BillingDecisionPage />, signedIn: true },
    {
      path: BILLING_PATHS.payments,
      element: <PatientPaymentsPage />,
      signedIn: true,
      menu: { label: 'payments', roles: ['patient'] },
    },
    { path: BILLING_PATHS.acts, element: <ActsPage />, signedIn: true, menu: { label: 'acts', roles: ['practitioner'] } },
  ],
});
