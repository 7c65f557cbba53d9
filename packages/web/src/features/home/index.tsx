import { defineFeature, SIGNED_IN } from '../../app/feature.js';
import { HomePage } from './HomePage.js';
import { NotFoundPage } from './NotFoundPage.js';
import { en, fr } from './strings.js';

export default defineFeature({
  name: 'home',
  strings: { fr, en },
  pages: [
    { path: '/', element: <HomePage />, menu: { label: 'home', roles: ['visitor', ...SIGNED_IN] } },
    { path: '*', element: <NotFoundPage /> },
  ],
});
