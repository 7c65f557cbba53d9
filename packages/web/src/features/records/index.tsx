import { defineFeature } from '../../app/feature.js';
import { DocumentsPage } from './DocumentsPage.js';
import { InboxPage } from './InboxPage.js';
import { MessagePage } from './MessagePage.js';
import { RECORDS_PATHS } from './paths.js';
import { ReportPage } from './ReportPage.js';
import { en, fr } from './strings.js';
import { VerifyPage } from './VerifyPage.js';

/**
 * After the call: the practitioner's report (from the agenda's appointment and the call's end), the
 * patient's documents and the professional's inbox (in the menu), and the public page a document's
 * QR code opens.
 */
export default defineFeature({
  name: 'records',
  strings: { fr, en },
  pages: [
    { path: RECORDS_PATHS.report, element: <ReportPage />, signedIn: true },
    { path: RECORDS_PATHS.documents, element: <DocumentsPage />, signedIn: true, menu: { label: 'documents', roles: ['patient'] } },
    { path: RECORDS_PATHS.inbox, element: <InboxPage />, signedIn: true, menu: { label: 'inbox', roles: ['practitioner'] } },
    { path: RECORDS_PATHS.message, element: <MessagePage />, signedIn: true },
    { path: RECORDS_PATHS.verify, element: <VerifyPage /> },
  ],
});
