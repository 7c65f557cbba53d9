import type { SignedInRole } from './demo.js';

export type Role = 'visitor' | SignedInRole;

/** A page of the web app as its route list declares it. */
export interface AppPage {
  feature: string;
  /** `/patients/:patientId/facturation`; `*` for any other address. */
  path: string;
  signedIn: boolean;
  /** The roles whose menu offers it. */
  menuRoles: readonly Role[];
}

// Imported through a variable: the route list is the web app's (TSX, browser types), loaded by vitest
// at run time rather than typechecked with the tests.
const ROUTES = new URL('../../web/src/app/routes.ts', import.meta.url).pathname;

/** Every page of the web app, from its route list (packages/web/src/app/routes.ts): a new page is tested without a line here. */
export async function appPages(): Promise<AppPage[]> {
  const { FEATURES } = (await import(/* @vite-ignore */ ROUTES)) as {
    FEATURES: { name: string; pages: { path: string; signedIn?: boolean; menu?: { roles: readonly Role[] } }[] }[];
  };
  return FEATURES.flatMap((feature) =>
    feature.pages.map((page) => ({
      feature: feature.name,
      path: page.path,
      signedIn: Boolean(page.signedIn),
      menuRoles: page.menu?.roles ?? [],
    })),
  );
}
