import { describe, expect, it } from 'vitest';
import { catalogue } from '../i18n/index.js';
import type { Role } from './feature.js';
import { navigationFor } from './navigation.js';
import { FEATURES } from './routes.js';

const ROLES: Role[] = ['visitor', 'patient', 'practitioner', 'regulator', 'admin'];
const paths = (roles: Role[]) => navigationFor(FEATURES, roles).map((item) => item.to);
const pages = FEATURES.flatMap((feature) => feature.pages);

describe('the navigation, derived from the route list', () => {
  it('offers each role pages of the app only, each reachable without parameters', () => {
    for (const role of ROLES) {
      for (const item of navigationFor(FEATURES, [role])) {
        expect(pages.map((page) => page.path)).toContain(item.to);
        expect(item.to).not.toContain(':');
      }
    }
  });

  it('gives each role its pages in the order of the route list, the profile last', () => {
    expect(paths(['visitor'])).toEqual(['/', '/simulateur']);
    expect(paths(['patient'])).toEqual([
      '/',
      '/prendre-rendez-vous',
      '/mes-rendez-vous',
      '/test-materiel',
      '/ma-telesurveillance',
      '/mes-documents',
      '/estimation',
      '/mes-paiements',
      '/acces',
      '/profil',
    ]);
    expect(paths(['practitioner'])).toEqual([
      '/',
      '/agenda',
      '/agenda/nouveau-rendez-vous',
      '/disponibilites',
      '/salle-d-attente',
      '/test-materiel',
      '/telesurveillance',
      '/telesurveillance/rapport',
      '/messagerie',
      '/patients',
      '/actes',
      '/simulateur',
      '/profil',
    ]);
    expect(paths(['regulator'])).toEqual(['/', '/profil']);
    expect(paths(['admin'])).toEqual([
      '/',
      '/organisation/questionnaire',
      '/organisation/statistiques-questionnaire',
      '/organisation',
      '/profil',
    ]);
    // Several roles: their union, each page once.
    expect(paths(['practitioner', 'admin'])).toEqual([
      '/',
      '/agenda',
      '/agenda/nouveau-rendez-vous',
      '/disponibilites',
      '/organisation/questionnaire',
      '/organisation/statistiques-questionnaire',
      '/salle-d-attente',
      '/test-materiel',
      '/telesurveillance',
      '/telesurveillance/rapport',
      '/messagerie',
      '/patients',
      '/actes',
      '/simulateur',
      '/organisation',
      '/profil',
    ]);
  });

  it('words every entry in French and English', () => {
    for (const language of ['fr', 'en'] as const) {
      const strings = catalogue(language, FEATURES);
      for (const item of navigationFor(FEATURES, ROLES)) {
        const label = item.label.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], strings);
        expect(typeof label, `${language}: ${item.label}`).toBe('string');
      }
    }
  });

  it('keeps a sign-in for the pages of signed-in roles only', () => {
    for (const page of pages) {
      if (page.menu && !page.menu.roles.includes('visitor')) expect(page.signedIn, page.path).toBe(true);
    }
  });
});
