import type { Generated } from 'kysely';
import type { ConnectivityTable } from './connectivity-tables.js';
import type { AssistantsTable, MeasurementsTable } from './assist-tables.js';

/** Where a patient's visit stands, from check-in to the end of the act. */
export type VisitState = 'waiting' | 'postponed' | 'admitted' | 'cancelled' | 'ended';
/** How the practitioner ended the act: a reoriented patient is not billed; an interrupted call says so in the report. */
export type VisitOutcome = 'completed' | 'reoriented' | 'interrupted';
export type CallSide = 'patient' | 'practitioner';
/** Why a call went on in audio alone: chosen by a participant, the camera failed, the connection was too poor. */
export type AudioOnlyReason = 'chosen' | 'camera-failed' | 'poor-quality';

export interface TeleconsultationTables {
  teleconsultation_visits: {
    appointment_id: string;
    patient_id: string;
    practitioner_account_id: string;
    starts_at: Date;
    ends_at: Date;
    state: Generated<VisitState>;
    checked_in_at: Generated<Date>;
    state_changed_at: Generated<Date>;
    postponed_until: Date | null;
    notice: string | null;
    outcome: VisitOutcome | null;
    incident_note: string | null;
    ended_at: Date | null;
    version: Generated<number>;
    /** Since when the call went on in audio alone, and why (billing may treat it as a telephone act). */
    audio_only_at: Generated<Date | null>;
    audio_only_reason: Generated<AudioOnlyReason | null>;
  };
  teleconsultation_quality: {
    appointment_id: string;
    reporter_account_id: string;
    side: CallSide;
    samples: number;
    rtt_ms_median: number | null;
    rtt_ms_max: number | null;
    loss_percent: number | null;
    bitrate_kbps_median: number | null;
    frames_decoded: string | number | null;
    reported_at: Generated<Date>;
  };
  teleconsultation_connectivity: ConnectivityTable;
  teleconsultation_assistants: AssistantsTable;
  teleconsultation_measurements: MeasurementsTable;
}
