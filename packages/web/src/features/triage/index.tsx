import { defineFeature } from '../../app/feature.js';
import { en, fr } from './strings.js';

/**
 * Triage before a teleconsultation. Its screens have no address of their own: the questionnaire
 * (`TriageGate`) opens the booking of the scheduling feature, and its findings (`AgendaTriage`)
 * follow the practitioner's agenda.
 */
export default defineFeature({ name: 'triage', strings: { fr, en }, pages: [] });
