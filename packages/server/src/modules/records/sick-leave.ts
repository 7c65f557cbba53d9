// The sick-leave notice (arrêt de travail) written with a report: the rules engine's `sick-leave`
// kind decides first (CSP L.6316-1: 3 days at most by telemedicine, its exceptions); a refusal is a
// 422 carrying the reasons and the days allowed. The official notice needs the practitioner's
// amelipro and CPS card: we prepare every field and hand it over.
import { evaluate, RulesRequestError, type SickLeaveDecision } from '@parcours/domain';
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import { audited } from '../../platform/audit/audit.js';
import type { Language } from '../../platform/http/language.js';
import { Problem, problem } from '../../platform/http/problem.js';
import { documentNumber } from './numbers.js';
import { loadReport, writeAccess, type RecordsDeps } from './reports.js';
import type { SickLeaveBody } from './schemas.js';
import { insertSickLeave } from './store.js';
import { explained, reportView } from './views.js';
import { parisDate } from './wording.js';

export async function addSickLeave(
  deps: RecordsDeps,
  actor: Actor,
  reportId: string,
  body: z.infer<typeof SickLeaveBody>,
  language: Language,
) {
  const row = await loadReport(deps, reportId);
  return audited(deps, writeAccess(deps, actor, row, 'sick-leave.create'), async (db) => {
    if (row.signed_at) throw problem.conflict('report-signed');
    const decision = decideSickLeave(body, parisDate(row.act_started_at), language);
    if (!decision.allowed)
      throw new Problem(422, 'sick-leave-refused', { maxDays: decision.maxDays, reasons: explained(decision.reasons, language) });
    await insertSickLeave(db, {
      number: documentNumber('AT'),
      report_id: row.id,
      patient_id: row.patient_id,
      starts_on: body.startsOn,
      days: body.days,
      existing_leave_days: body.existingLeaveDays,
      motive: body.motive,
      outings: body.outings,
      decision,
    });
    return reportView(db, row, language);
  });
}

/** The rules on the day of the act. */
function decideSickLeave(body: z.infer<typeof SickLeaveBody>, date: string, language: Language): SickLeaveDecision {
  try {
    return evaluate({
      kind: 'sick-leave',
      date,
      prescriber: { isTreatingDoctor: body.isTreatingDoctor, isReferenceMidwife: body.isReferenceMidwife },
      requestedDays: body.days,
      existingLeaveDays: body.existingLeaveDays,
      patientJustifiesNoInPersonAccess: body.patientJustifiesNoInPersonAccess,
    });
  } catch (error) {
    // The body's schema lets through only what the contract accepts; should they drift, still a 400.
    if (!(error instanceof RulesRequestError)) throw error;
    throw problem.validation(error.issues.map((i) => ({ field: i.path, code: i.code, message: i.message[language] })));
  }
}
