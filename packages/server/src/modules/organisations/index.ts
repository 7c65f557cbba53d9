import { serviceDeps } from '../../platform/context.js';
import { defineModule } from '../../platform/module.js';
import { seedOrganisationsDemo } from './demo.js';
import { ORGANISATIONS_PROBLEMS } from './problems.js';
import { registerOrganisationRoutes } from './routes.js';
import type { OrganisationsTables } from './tables.js';

/** Organisations: health centres and services, their sites, members and invitations. */
export const organisations = defineModule<OrganisationsTables>({
  name: 'organisations',
  tables: ['organisations', 'sites', 'memberships', 'invitations'],
  problems: ORGANISATIONS_PROBLEMS,
  register: (app, ctx) => registerOrganisationRoutes(app, serviceDeps(ctx)),
  seedDemo: seedOrganisationsDemo,
});

export type { OrganisationsTables };
