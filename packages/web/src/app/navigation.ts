import type { Catalogue } from '../i18n/fr.js';

export type Role = 'visitor' | 'patient' | 'practitioner' | 'regulator' | 'admin';

/** An i18n key for a navigation label. */
export type NavLabel = `nav.${keyof Catalogue['nav']}` | `identity.nav.${keyof Catalogue['identity']['nav']}`;

export interface NavItem {
  to: string;
  label: NavLabel;
  external?: boolean;
}

const common: NavItem[] = [{ to: '/', label: 'nav.home' }];

/** Every signed-in person has a profile (names, language, records managed, second factor). */
const signedIn: NavItem[] = [{ to: '/profil', label: 'identity.nav.profile' }];

/** What each role sees in the navigation; a screen a role may not use is not offered to it. */
export const NAVIGATION: Record<Role, NavItem[]> = {
  visitor: [...common, { to: '/simulateur', label: 'nav.simulator' }, { to: '/api/docs', label: 'nav.apiDocs', external: true }],
  patient: [
    ...common,
    { to: '/estimation', label: 'nav.estimate' },
    { to: '/rendez-vous', label: 'nav.appointments' },
    { to: '/dossier', label: 'nav.record' },
    { to: '/acces', label: 'nav.accessHistory' },
    ...signedIn,
  ],
  practitioner: [
    ...common,
    { to: '/patients', label: 'nav.patients' },
    { to: '/agenda', label: 'nav.agenda' },
    { to: '/salle-attente', label: 'nav.waitingRoom' },
    { to: '/teleexpertise', label: 'nav.teleexpertise' },
    { to: '/telesurveillance', label: 'nav.telemonitoring' },
    { to: '/simulateur', label: 'nav.simulator' },
    ...signedIn,
  ],
  regulator: [...common, { to: '/regulation', label: 'nav.regulationQueue' }, ...signedIn],
  admin: [...common, { to: '/organisation', label: 'nav.organisation' }, { to: '/statistiques', label: 'nav.statistics' }, ...signedIn],
};

/**
 * The navigation of a person holding several roles: the union of their roles' items, each once,
 * in the order of the roles; the profile comes last.
 */
export function navigationFor(roles: readonly Role[]): NavItem[] {
  const items = new Map<string, NavItem>();
  for (const role of roles) for (const item of NAVIGATION[role]) if (!items.has(item.to)) items.set(item.to, item);
  const profile = items.get('/profil');
  if (profile) {
    items.delete('/profil');
    items.set('/profil', profile);
  }
  return [...items.values()];
}
