import { defineFeature } from '../../app/feature.js';
import { FunnelPage } from './FunnelPage.js';
import { TRIAGE_PATHS } from './paths.js';
import { ReviewAnswersPage } from './ReviewAnswersPage.js';
import { QuestionnaireEditorPage } from './QuestionnaireEditorPage.js';
import { en, fr } from './strings.js';

/**
 * Triage before a teleconsultation. The questionnaire (`TriageGate`) opens the booking of the
 * scheduling feature and its findings (`AgendaTriage`) follow the practitioner's agenda; the
 * organisation's administrators adapt their copy here.
 */
export default defineFeature({
  name: 'triage',
  strings: { fr, en },
  pages: [
    {
      path: TRIAGE_PATHS.editor,
      element: <QuestionnaireEditorPage />,
      signedIn: true,
      menu: { label: 'editor', roles: ['admin'] },
    },
    // Reached from the appointment's page, until the call.
    { path: TRIAGE_PATHS.review, element: <ReviewAnswersPage />, signedIn: true },
    {
      path: TRIAGE_PATHS.statistics,
      element: <FunnelPage />,
      signedIn: true,
      menu: { label: 'statistics', roles: ['admin'] },
    },
  ],
});
