import { defineFeature } from '../../app/feature.js';
import { AssistPage } from './AssistPage.js';
import { CallPage } from './CallPage.js';
import { DeviceCheckPage } from './DeviceCheckPage.js';
import { TELECONSULTATION_PATHS } from './paths.js';
import { en, fr } from './strings.js';
import { VisitPage } from './VisitPage.js';
import { WaitingRoomPage } from './WaitingRoomPage.js';

/**
 * The teleconsultation: the practitioner's waiting room (in the menu), the patient's waiting room of
 * an appointment (from "Mes rendez-vous" and the appointment's page: `JoinButton`), and the call.
 */
export default defineFeature({
  name: 'teleconsultation',
  strings: { fr, en },
  pages: [
    {
      path: TELECONSULTATION_PATHS.waitingRoom,
      element: <WaitingRoomPage />,
      signedIn: true,
      menu: { label: 'waitingRoom', roles: ['practitioner'] },
    },
    { path: TELECONSULTATION_PATHS.visit, element: <VisitPage />, signedIn: true },
    {
      path: TELECONSULTATION_PATHS.deviceCheck,
      element: <DeviceCheckPage />,
      signedIn: true,
      menu: { label: 'deviceCheck', roles: ['patient', 'practitioner'] },
    },
    { path: TELECONSULTATION_PATHS.call, element: <CallPage />, signedIn: true },
    // Opened by an invitation link, without an account: the link's token is the key (see AssistPage).
    { path: TELECONSULTATION_PATHS.assist, element: <AssistPage /> },
  ],
});
