import type { SupplementaryCover, TreatingDoctorDeclaration } from '@parcours/domain';
import type { Generated } from 'kysely';

export type ActOutcome = 'completed' | 'reoriented' | 'interrupted';
export type PaymentMeans = 'cheque' | 'transfer' | 'card';

/** The insurance situation the patient states; each act's billing record; what was paid for it. */
export interface BillingTables {
  /** What the patient states of their insurance; a row only once they stated something. */
  insurance_situations: {
    patient_id: string;
    treating_doctor: TreatingDoctorDeclaration | null;
    has_ald: boolean;
    supplementary_cover: SupplementaryCover | null;
    updated_at: Date;
  };
  /** One per act, made when it ends; amounts in cents. */
  billing_records: {
    id: Generated<string>;
    appointment_id: string;
    patient_id: string;
    practitioner_account_id: string;
    organisation_id: string;
    act_date: string;
    act_time: string | null;
    outcome: ActOutcome;
    billable: boolean;
    code: 'TCG' | 'TC' | null;
    fee_cents: number | null;
    charged_cents: number | null;
    amo_cents: number;
    participation_cents: number;
    ticket_moderateur_cents: number;
    tiers_payant: 'full' | 'amo' | 'optional';
    due_cents: number;
    assistant_profession: 'nurse' | 'pharmacist' | null;
    assistant_code: 'TLS' | 'TLL' | 'TLD' | 'TLM' | null;
    assistant_fee_cents: number | null;
    request: unknown;
    decision: unknown;
    share: unknown;
    assistance: unknown;
    assumed: Generated<string[]>;
    created_at: Generated<Date>;
  };
  billing_payments: {
    id: Generated<string>;
    record_id: string;
    means: PaymentMeans;
    amount_cents: number;
    reference: string | null;
    checkout_session_id: string | null;
    recorded_by_account_id: string | null;
    paid_at: Generated<Date>;
  };
  billing_checkouts: {
    session_id: string;
    record_id: string;
    amount_cents: number;
    opened_by_account_id: string;
    created_at: Generated<Date>;
  };
  billing_provider_events: {
    event_id: string;
    type: string;
    received_at: Generated<Date>;
  };
}
