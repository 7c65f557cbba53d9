import type { ReactNode } from 'react';
import type { Translation } from '../i18n/translation.js';

/** Whom the navigation is built for: a visitor, or the roles a signed-in account holds. */
export type Role = 'visitor' | 'patient' | 'practitioner' | 'regulator' | 'admin';

/** Every signed-in role. */
export const SIGNED_IN: readonly Role[] = ['patient', 'practitioner', 'regulator', 'admin'];

/** A feature's strings: nested wordings, French the reference. */
export interface Strings {
  readonly [key: string]: string | Strings;
}

/** A page of the app. */
export interface Page<NavKey extends string = string> {
  /** The address, French like the rest of the app (`/estimation`); `:name` for a parameter. */
  path: string;
  element: ReactNode;
  /** Only for a signed-in account (past its second factor): a visitor is sent to log in first. */
  signedIn?: boolean;
  /**
   * The page's entry in the navigation, for these roles; its label is a key of the feature's
   * `nav` strings. Only a page can have one: the menu is derived from the pages, so it cannot offer
   * an address that leads nowhere.
   */
  menu?: { label: NavKey; roles: readonly Role[] };
}

/** A feature of the web app: its strings (under `<name>.` in the catalogue) and its pages. */
export interface Feature {
  name: string;
  strings: { fr: Strings; en: Strings };
  pages: readonly Page[];
}

type NavKeys<S> = S extends { nav: infer Nav } ? Extract<keyof Nav, string> : never;

/**
 * Declares a feature (the default export of `features/<name>/index.tsx`); the app's route list
 * (`app/routes.ts`) gathers them. The types hold English to French's keys and a menu label to the
 * feature's own `nav` strings.
 */
export function defineFeature<const S extends Strings>(feature: {
  name: string;
  strings: { fr: S; en: Translation<S> };
  pages: readonly Page<NavKeys<S>>[];
}): Feature {
  for (const page of feature.pages) {
    // A menu entry opens the page itself: an address with parameters is reached from another page.
    if (page.menu && page.path.includes(':')) throw new Error(`${feature.name}: the menu cannot open ${page.path}`);
  }
  return feature as Feature;
}
