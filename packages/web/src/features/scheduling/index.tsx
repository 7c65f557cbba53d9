import { defineFeature } from '../../app/feature.js';
import { AgendaPage } from './AgendaPage.js';
import { AppointmentPage } from './AppointmentPage.js';
import { AvailabilityPage } from './AvailabilityPage.js';
import { BookPage } from './BookPage.js';
import { MyAppointmentsPage } from './MyAppointmentsPage.js';
import { SCHEDULING_PATHS } from './paths.js';
import { en, fr } from './strings.js';

export default defineFeature({
  name: 'scheduling',
  strings: { fr, en },
  pages: [
    { path: SCHEDULING_PATHS.book, element: <BookPage />, signedIn: true, menu: { label: 'book', roles: ['patient'] } },
    { path: SCHEDULING_PATHS.mine, element: <MyAppointmentsPage />, signedIn: true, menu: { label: 'mine', roles: ['patient'] } },
    { path: SCHEDULING_PATHS.appointment, element: <AppointmentPage />, signedIn: true },
    { path: SCHEDULING_PATHS.agenda, element: <AgendaPage />, signedIn: true, menu: { label: 'agenda', roles: ['practitioner'] } },
    {
      path: SCHEDULING_PATHS.availability,
      element: <AvailabilityPage />,
      signedIn: true,
      menu: { label: 'availability', roles: ['practitioner'] },
    },
  ],
});
