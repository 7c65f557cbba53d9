import type { Generated } from 'kysely';

export type Modality = 'video' | 'phone' | 'in-person';
export type AppointmentStatus = 'booked' | 'checked-in' | 'in-progress' | 'completed' | 'cancelled' | 'no-show' | 'reoriented';
export type AppointmentChange = AppointmentStatus | 'rescheduled';
export type MessageKind = 'confirmation' | 'change' | 'cancellation' | 'reminder-24h' | 'reminder-1h';

/** Availability (schedules, their weekly openings, exceptions and consultation types), appointments and what is owed about them. */
export interface SchedulingTables {
  schedules: {
    id: Generated<string>;
    practitioner_account_id: string;
    organisation_id: string;
    site_id: string | null;
    time_zone: string;
    territory: string[];
    created_at: Generated<Date>;
  };
  consultation_types: {
    id: Generated<string>;
    schedule_id: string;
    modality: Modality;
    specialty: string;
    duration_minutes: number;
    buffer_minutes: number;
    minimum_notice_minutes: number;
    horizon_days: number;
    fee_cents: number | null;
    active: Generated<boolean>;
    created_at: Generated<Date>;
  };
  weekly_openings: {
    id: Generated<string>;
    schedule_id: string;
    weekday: number;
    /** `HH:MM:SS` as PostgreSQL writes a time. */
    starts: string;
    ends: string;
    modalities: Modality[];
  };
  schedule_exceptions: {
    id: Generated<string>;
    schedule_id: string;
    kind: 'closed' | 'open';
    starts_at: Date;
    ends_at: Date;
    modalities: Modality[];
  };
  appointments: {
    id: Generated<string>;
    patient_id: string;
    practitioner_account_id: string;
    organisation_id: string;
    schedule_id: string;
    consultation_type_id: string;
    modality: Modality;
    starts_at: Date;
    ends_at: Date;
    blocked_until: Date;
    time_zone: string;
    status: Generated<AppointmentStatus>;
    booked_by_account_id: string;
    booked_as: 'patient' | 'practitioner' | 'regulator';
    booked_at: Generated<Date>;
    idempotency_key: string | null;
    version: Generated<number>;
    updated_at: Generated<Date>;
  };
  appointment_history: {
    id: Generated<number>;
    appointment_id: string;
    change: AppointmentChange;
    by_account_id: string;
    by_role: 'patient' | 'practitioner' | 'regulator' | 'admin';
    reason: string | null;
    previous_starts_at: Date | null;
    starts_at: Date;
    at: Generated<Date>;
  };
  appointment_messages: {
    id: Generated<string>;
    appointment_id: string;
    kind: MessageKind;
    starts_at: Date;
    due_at: Date;
    claimed_at: Date | null;
    sent_at: Date | null;
    outcome: 'sent' | 'skipped' | 'failed' | null;
  };
  reminder_contacts: { account_id: string; mobile: string; updated_at: Generated<Date> };
}
