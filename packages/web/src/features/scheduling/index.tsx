import { defineFeature } from '../../app/feature.js';
import { AgendaPage } from './AgendaPage.js';
import { AppointmentPage } from './AppointmentPage.js';
import { AvailabilityPage } from './AvailabilityPage.js';
import { BookForPatientPage } from './BookForPatientPage.js';
import { BookPage } from './BookPage.js';
import { MyAppointmentsPage } from './MyAppointmentsPage.js';
import { SCHEDULING_PATHS } from './paths.js';
import { AgendaTriage } from '../triage/AgendaTriage.js';
import { TriageGate } from '../triage/TriageGate.js';
import { en, fr } from './strings.js';

export default defineFeature({
  name: 'scheduling',
  strings: { fr, en },
  pages: [
    {
      path: SCHEDULING_PATHS.book,
      // The triage questionnaire comes first; an in-person orientation opens the in-person slots.
      element: <TriageGate>{(outcome) => <BookPage initialModality={outcome === 'in-person' ? 'in-person' : 'video'} />}</TriageGate>,
      signedIn: true,
      menu: { label: 'book', roles: ['patient'] },
    },
    { path: SCHEDULING_PATHS.mine, element: <MyAppointmentsPage />, signedIn: true, menu: { label: 'mine', roles: ['patient'] } },
    { path: SCHEDULING_PATHS.appointment, element: <AppointmentPage />, signedIn: true },
    {
      path: SCHEDULING_PATHS.agenda,
      // The severity and flags of the next patients' questionnaires follow the agenda.
      element: (
        <>
          <AgendaPage />
          <AgendaTriage />
        </>
      ),
      signedIn: true,
      menu: { label: 'agenda', roles: ['practitioner'] },
    },
    {
      path: SCHEDULING_PATHS.forPatient,
      element: <BookForPatientPage />,
      signedIn: true,
      menu: { label: 'forPatient', roles: ['practitioner'] },
    },
    {
      path: SCHEDULING_PATHS.availability,
      element: <AvailabilityPage />,
      signedIn: true,
      menu: { label: 'availability', roles: ['practitioner'] },
    },
  ],
});
