import { defineModule } from '../../platform/module.js';
import { registerRulesRoutes } from './routes.js';

/** Rules: decides and explains what French rules allow and what the Assurance Maladie pays. No tables, no health data. */
export const rules = defineModule({
  name: 'rules',
  tables: [],
  register: (app) => registerRulesRoutes(app),
});
