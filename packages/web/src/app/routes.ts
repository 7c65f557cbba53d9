import billing from '../features/billing/index.js';
import home from '../features/home/index.js';
import identity from '../features/identity/index.js';
import records from '../features/records/index.js';
import rules from '../features/rules/index.js';
import scheduling from '../features/scheduling/index.js';
import teleconsultation from '../features/teleconsultation/index.js';
import telemonitoring from '../features/telemonitoring/index.js';
import triage from '../features/triage/index.js';
import type { Feature } from './feature.js';

/**
 * The app's route list: every feature, with its pages and strings. The router, the navigation and
 * the i18n catalogue are all derived from it; adding a feature is its folder and one line here. The
 * order is the navigation's (identity last, so the profile ends the menu).
 */
export const FEATURES: readonly Feature[] = [home, scheduling, triage, teleconsultation, telemonitoring, records, billing, rules, identity];
