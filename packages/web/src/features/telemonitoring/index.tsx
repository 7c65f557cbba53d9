import { defineFeature } from '../../app/feature.js';
import { DashboardPage } from './DashboardPage.js';
import { MyMonitoringPage } from './MyMonitoringPage.js';
import { PatientMonitoringPage } from './PatientMonitoringPage.js';
import { ReportPage } from './ReportPage.js';
import { TELEMONITORING_PATHS } from './paths.js';
import { en, fr } from './strings.js';

/** Telemonitoring: the care team's dashboard and a patient's follow-up; the patient's own readings. */
export default defineFeature({
  name: 'telemonitoring',
  strings: { fr, en },
  pages: [
    {
      path: TELEMONITORING_PATHS.dashboard,
      element: <DashboardPage />,
      signedIn: true,
      menu: { label: 'dashboard', roles: ['practitioner'] },
    },
    {
      path: TELEMONITORING_PATHS.report,
      element: <ReportPage />,
      signedIn: true,
      menu: { label: 'report', roles: ['practitioner'] },
    },
    { path: TELEMONITORING_PATHS.patient, element: <PatientMonitoringPage />, signedIn: true },
    { path: TELEMONITORING_PATHS.mine, element: <MyMonitoringPage />, signedIn: true, menu: { label: 'mine', roles: ['patient'] } },
  ],
});
