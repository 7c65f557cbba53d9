import type { Generated } from 'kysely';

export type PrescriptionKind = 'medication' | 'lab' | 'imaging' | 'nursing' | 'physiotherapy';
export type PrescriptionStatus = 'draft' | 'issued' | 'dispensed' | 'cancelled';
export type SickLeaveStatus = 'draft' | 'issued' | 'cancelled';
/** Sorties: none, allowed at set hours, or free (the form's three boxes). */
export type Outings = 'none' | 'allowed' | 'free';
/** What a file shared in a call may be, read from its first bytes. */
export type SharedFileType = 'application/pdf' | 'image/jpeg' | 'image/png' | 'image/webp';

/** Records' tables: reports and their addenda, prescriptions, sick-leave notices, the professionals' inbox. */
export interface RecordsTables {
  records_reports: {
    id: Generated<string>;
    appointment_id: string;
    patient_id: string;
    author_account_id: string;
    organisation_id: string;
    template: string;
    act_started_at: Date;
    narrative: Generated<string>;
    acts: Generated<string>;
    participants: Generated<string>;
    incidents: Generated<string>;
    triage: unknown;
    signed_at: Date | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  records_addenda: {
    id: Generated<string>;
    report_id: string;
    version: number;
    text: string;
    author_account_id: string;
    created_at: Generated<Date>;
  };
  records_prescriptions: {
    id: Generated<string>;
    number: string;
    report_id: string;
    patient_id: string;
    kind: PrescriptionKind;
    items: unknown;
    status: Generated<PrescriptionStatus>;
    issued_at: Date | null;
    created_at: Generated<Date>;
  };
  records_sick_leaves: {
    id: Generated<string>;
    number: string;
    report_id: string;
    patient_id: string;
    starts_on: string;
    days: number;
    existing_leave_days: number;
    motive: string;
    outings: Outings;
    decision: unknown;
    status: Generated<SickLeaveStatus>;
    issued_at: Date | null;
    created_at: Generated<Date>;
  };
  records_messages: {
    id: Generated<string>;
    sender_account_id: string;
    recipient_account_id: string;
    patient_id: string;
    report_id: string | null;
    note: Generated<string>;
    created_at: Generated<Date>;
    read_at: Date | null;
  };
  /** A file shared in a call (an image or a PDF), kept in the patient's record. */
  records_files: {
    id: Generated<string>;
    patient_id: string;
    appointment_id: string | null;
    /** The call's name for who shared it: `account:<id>` or `assistant:<id>`. */
    shared_by: string;
    shared_by_name: string;
    filename: string;
    media_type: SharedFileType;
    size_bytes: number;
    sha256: string;
    content: Uint8Array;
    created_at: Generated<Date>;
  };
}
