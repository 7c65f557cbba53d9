import type { Outcome, Severity } from '@parcours/domain';
import type { Generated } from 'kysely';

export type FunnelEvent = 'started' | 'abandoned' | 'oriented' | 'booked' | 'seen' | 'reoriented';

/** Triage's tables: organisations' questionnaire copies, patients' answers with their orientation, the funnel. */
export interface TriageTables {
  triage_questionnaires: {
    id: Generated<string>;
    organisation_id: string;
    version: string;
    definition: unknown;
    created_by: string | null;
    created_at: Generated<Date>;
  };
  triage_responses: {
    id: Generated<string>;
    run_id: string;
    patient_id: string;
    organisation_id: string | null;
    questionnaire_id: string | null;
    questionnaire_url: string;
    questionnaire_version: string;
    response: unknown;
    outcome: Outcome;
    severity: Severity;
    flags: string[];
    reasons: string[];
    appointment_id: string | null;
    author_account_id: string | null;
    created_at: Generated<Date>;
  };
  triage_funnel_events: {
    id: Generated<number>;
    run_id: string;
    organisation_id: string | null;
    event: FunnelEvent;
    step: string | null;
    outcome: Outcome | null;
    at: Generated<Date>;
  };
}
