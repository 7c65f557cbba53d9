// Who pays what of one teleconsultation, once the rules have decided: the Assurance Maladie (AMO),
// the supplementary cover, and the patient — on the day (the advance) and in the end.
import { toCents, toEuros } from '../rules/money.js';
import type { TeleconsultationDecision } from '../rules/types.js';
import type { SupplementaryCover } from './insurance.js';

export interface PatientShare {
  /** What the practitioner charges: the fee asked, else the conventional tariff; null when neither is known. */
  charged: number | null;
  /** Above the conventional tariff (dépassement d'honoraires): never paid by the AMO. */
  excess: number;
  /** Paid by the Assurance Maladie, the participation forfaitaire already taken off. */
  amo: number;
  /** The ticket modérateur, when a supplementary cover pays it; the excess is left out, contracts differ. */
  supplementary: number;
  /** What the patient pays in the end: participation forfaitaire, uncovered ticket modérateur, excess. */
  outOfPocket: number | null;
  /** What the patient pays on the day, with the tiers payant the decision grants (none when optional). */
  advance: number | null;
  /** On the day when the practitioner grants the optional tiers payant of the AMO share; null when it is not optional. */
  advanceWithAmoTiersPayant: number | null;
}

/**
 * Splits what the practitioner charges. Sums are made in cents so that, when the act is reimbursable,
 * amo + supplementary + outOfPocket === charged exactly.
 */
export function patientShare(
  decision: TeleconsultationDecision,
  options: { feeCharged?: number | undefined; cover: SupplementaryCover | null },
): PatientShare {
  const charged = options.feeCharged ?? decision.fee;
  if (charged === null) {
    return { charged: null, excess: 0, amo: 0, supplementary: 0, outOfPocket: null, advance: null, advanceWithAmoTiersPayant: null };
  }
  const chargedCents = toCents(charged);
  if (!decision.reimbursable || decision.fee === null) {
    return {
      charged,
      excess: 0,
      amo: 0,
      supplementary: 0,
      outOfPocket: charged,
      advance: charged,
      advanceWithAmoTiersPayant: null,
    };
  }
  // A conventioned practitioner bills at least the tariff (the AMO's basis); below it is not a case the rules know.
  const billedCents = Math.max(chargedCents, toCents(decision.fee));
  const excessCents = billedCents - toCents(decision.fee);
  const ticketCents = toCents(decision.ticketModerateur);
  const participationCents = toCents(decision.participationForfaitaire);
  // The AMO share before the participation forfaitaire, which is recovered later, not paid on the day.
  const amoGrossCents = toCents(decision.amoAmount) + participationCents;
  const coversTicket = options.cover !== null && options.cover !== 'none';
  const supplementaryCents = coversTicket ? ticketCents : 0;
  const onTheDayCents = {
    // CSS and AME: the supplementary cover is paid directly too.
    full: billedCents - amoGrossCents - supplementaryCents,
    amo: billedCents - amoGrossCents,
    optional: billedCents,
  }[decision.tiersPayant];
  return {
    charged: toEuros(billedCents),
    excess: toEuros(excessCents),
    amo: decision.amoAmount,
    supplementary: toEuros(supplementaryCents),
    outOfPocket: toEuros(participationCents + ticketCents - supplementaryCents + excessCents),
    advance: toEuros(onTheDayCents),
    advanceWithAmoTiersPayant: decision.tiersPayant === 'optional' ? toEuros(billedCents - amoGrossCents) : null,
  };
}
