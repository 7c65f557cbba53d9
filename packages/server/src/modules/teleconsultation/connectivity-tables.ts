/** Whether the patient's browser can reach the practitioner's: directly, only through the TURN relay, or not at all. */
export type Reachability = 'direct' | 'relay' | 'none';

/** The patient's last connectivity check of an appointment (null: no server configured for that path). */
export interface ConnectivityTable {
  appointment_id: string;
  patient_id: string;
  reported_by_account_id: string;
  reachable: Reachability;
  direct: boolean;
  turn_udp: boolean | null;
  turn_tls: boolean | null;
  checked_at: Date;
}
