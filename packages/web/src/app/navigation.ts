import type { Catalogue } from '../i18n/fr.js';

export type Role = 'visitor' | 'patient' | 'practitioner' | 'regulator' | 'admin';

export interface NavItem {
  to: string;
  label: keyof Catalogue['nav'];
  external?: boolean;
}

const common: NavItem[] = [{ to: '/', label: 'home' }];

/** What each role sees in the navigation; a screen a role may not use is not offered to it. */
export const NAVIGATION: Record<Role, NavItem[]> = {
  visitor: [...common, { to: '/simulateur', label: 'simulator' }, { to: '/api/docs', label: 'apiDocs', external: true }],
  patient: [...common, { to: '/rendez-vous', label: 'appointments' }, { to: '/dossier', label: 'record' }, { to: '/acces', label: 'accessHistory' }],
  practitioner: [
    ...common,
    { to: '/agenda', label: 'agenda' },
    { to: '/salle-attente', label: 'waitingRoom' },
    { to: '/teleexpertise', label: 'teleexpertise' },
    { to: '/telesurveillance', label: 'telemonitoring' },
    { to: '/simulateur', label: 'simulator' },
  ],
  regulator: [...common, { to: '/regulation', label: 'regulationQueue' }],
  admin: [...common, { to: '/organisation', label: 'organisation' }, { to: '/statistiques', label: 'statistics' }],
};
