import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import { audited } from '../../platform/audit/audit.js';
import type { Language } from '../../platform/http/language.js';
import { patientSummaries } from '../patients/service.js';
import { appointmentOrientations } from '../triage/service.js';
import type { WaitingPatient } from './schemas.js';
import { openVisitsOf } from './store.js';
import type { TeleconsultationDeps } from './visits.js';

type Waiting = z.infer<typeof WaitingPatient>;

/**
 * The practitioner's waiting room: the patients checked in (waiting, postponed) or in a call with
 * them, earliest slot first, with the questionnaire's severity and flags (triage shows and audits
 * those). Each patient listed is an audited access.
 */
export async function waitingRoom(deps: TeleconsultationDeps, actor: Actor, language: Language): Promise<{ patients: Waiting[] }> {
  const rows = await openVisitsOf(deps.db, actor.accountId);
  const orientations =
    rows.length === 0 ? [] : await appointmentOrientations(deps, actor, rows.map((r) => r.appointment_id).join(','), language);
  const triage = new Map(orientations.map((o) => [o.appointmentId, o.orientation]));
  const patients = await audited(
    deps,
    {
      actor,
      kind: 'read',
      action: 'teleconsultation.waiting-room',
      resource: { type: 'Encounter' },
      authorize: () => 'practitioner',
      entries: (listed: Waiting[], role) =>
        listed.map((p) => ({
          actor,
          role,
          action: 'teleconsultation.waiting-room',
          resource: { type: 'Encounter', id: p.appointmentId },
          patientId: p.patient.id,
        })),
    },
    async (db) => {
      const names = await patientSummaries(
        db,
        rows.map((r) => r.patient_id),
      );
      return rows.map((row): Waiting => {
        const orientation = triage.get(row.appointment_id);
        return {
          appointmentId: row.appointment_id,
          patient: { id: row.patient_id, name: names.get(row.patient_id)?.name ?? '' },
          startsAt: row.starts_at.toISOString(),
          endsAt: row.ends_at.toISOString(),
          state: row.state as Waiting['state'],
          checkedInAt: row.checked_in_at.toISOString(),
          stateChangedAt: row.state_changed_at.toISOString(),
          postponedUntil: row.postponed_until?.toISOString() ?? null,
          triage: orientation ? { severity: orientation.severity, flags: orientation.flags, outcome: orientation.outcome } : null,
        };
      });
    },
  );
  return { patients };
}
