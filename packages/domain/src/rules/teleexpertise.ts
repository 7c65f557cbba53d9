// Tele-expertise: the expert's TE2 and the requester's RQD, 100 % AMO in tiers payant.
// Factsheet §5 (and §2.5 for midwives).
import { isBetween } from './calendar.js';
import { rowInForce } from './dated.js';
import { Findings } from './findings.js';
import {
  BILLABLE_EXPERTS,
  BILLABLE_REQUESTERS,
  MIDWIFE_TELEEXPERTISE_DISPUTED,
  RQD_FEE,
  TE2_FEE,
  TELEEXPERTISE_ANNUAL_LIMIT,
  TELEEXPERTISE_SINGLE_LEVEL,
} from './tariffs.js';
import type { ParsedTeleexpertiseRequest, TeleexpertiseDecision } from './types.js';

export function evaluateTeleexpertise(request: ParsedTeleexpertiseRequest): TeleexpertiseDecision {
  const findings = new Findings();
  const { date, requester, expert, patient } = request;
  const notBillable = (): TeleexpertiseDecision => ({
    billable: false,
    expertCode: null,
    expertFee: null,
    requesterCode: null,
    requesterFee: null,
    amoRate: 1,
    tiersPayant: 'full',
    ...findings.explained(),
  });

  const isMidwifeInvolved = requester.profession === 'midwife' || expert.profession === 'midwife';
  if (isMidwifeInvolved && isBetween(date, MIDWIFE_TELEEXPERTISE_DISPUTED.from, MIDWIFE_TELEEXPERTISE_DISPUTED.until)) {
    findings.warn('midwife-teleexpertise-start-date');
  }

  const expertRow = rowInForce(TE2_FEE, date);
  const expertsRow = rowInForce(BILLABLE_EXPERTS, date);
  if (!expertRow || !expertsRow || !findings.use(expertsRow).includes(expert.profession)) {
    findings.warn('no-tariff-on-date');
    return notBillable();
  }
  if (!rowInForce(TELEEXPERTISE_SINGLE_LEVEL, date)?.value) findings.warn('teleexpertise-level-assumed');

  // 4 a year for the same patient, 2 for midwives. UNCERTAIN scope: counted per patient, RQD included.
  const limitRow = rowInForce(TELEEXPERTISE_ANNUAL_LIMIT, date);
  if (limitRow) {
    const limits = findings.use(limitRow);
    const limit = isMidwifeInvolved ? limits.midwife : limits.default;
    if (patient.teleexpertisesThisYear >= limit) {
      findings.reason('annual-limit-reached');
      findings.warn('teleexpertise-limit-scope');
      return notBillable();
    }
  }

  const expertFee = findings.use(expertRow);
  const requestersRow = rowInForce(BILLABLE_REQUESTERS, date);
  const requesterRow = rowInForce(RQD_FEE, date);
  const requesters: readonly string[] = requestersRow ? findings.use(requestersRow) : [];
  if (!requesterRow || !requesters.includes(requester.profession)) {
    findings.reason('requester-not-billable');
    return {
      billable: true,
      expertCode: 'TE2',
      expertFee,
      requesterCode: null,
      requesterFee: null,
      amoRate: 1,
      tiersPayant: 'full',
      ...findings.explained(),
    };
  }
  return {
    billable: true,
    expertCode: 'TE2',
    expertFee,
    requesterCode: 'RQD',
    requesterFee: findings.use(requesterRow),
    amoRate: 1,
    tiersPayant: 'full',
    ...findings.explained(),
  };
}
