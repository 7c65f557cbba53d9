import { defineFeature } from '../../app/feature.js';
import { SimulatorPage } from './SimulatorPage.js';
import { en, fr } from './strings.js';

export default defineFeature({
  name: 'rules',
  strings: { fr, en },
  pages: [{ path: '/simulateur', element: <SimulatorPage />, menu: { label: 'simulator', roles: ['visitor', 'practitioner'] } }],
});
