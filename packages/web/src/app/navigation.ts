import { createContext, useContext } from 'react';
import type { Feature, Role } from './feature.js';

export interface NavItem {
  to: string;
  /** The i18n key of its label: `billing.nav.estimate`. */
  label: string;
}

/**
 * The navigation of a person holding these roles, derived from the pages: every page with a menu
 * entry for one of the roles, once, in the order of the route list (so the profile, listed last,
 * comes last).
 */
export function navigationFor(features: readonly Feature[], roles: readonly Role[]): NavItem[] {
  const items = new Map<string, NavItem>();
  for (const feature of features) {
    for (const page of feature.pages) {
      if (!page.menu || items.has(page.path) || !page.menu.roles.some((role) => roles.includes(role))) continue;
      items.set(page.path, { to: page.path, label: `${feature.name}.nav.${page.menu.label}` });
    }
  }
  return [...items.values()];
}

/** The signed-in person's (or the visitor's) navigation, as the shell shows it: for pages that offer the next steps. */
export const NavigationContext = createContext<readonly NavItem[]>([]);

export function useNavigationItems(): readonly NavItem[] {
  return useContext(NavigationContext);
}
