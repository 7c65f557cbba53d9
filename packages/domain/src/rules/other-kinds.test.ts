import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate.js';

describe('sick leave', () => {
  it('allows up to 3 days from a non-treating doctor', () => {
    expect(evaluate({ kind: 'sick-leave', date: '2025-03-01', requestedDays: 3 })).toMatchObject({ allowed: true, maxDays: 3 });
  });

  it('accepts the reference midwife as an exception', () => {
    expect(evaluate({ kind: 'sick-leave', date: '2025-03-01', requestedDays: 8, prescriber: { isReferenceMidwife: true } })).toMatchObject({
      allowed: true,
      maxDays: null,
      reasons: ['reference-midwife-exception'],
    });
  });

  it('gives 0 more days when a running leave already reaches 3', () => {
    expect(evaluate({ kind: 'sick-leave', date: '2025-03-01', requestedDays: 1, existingLeaveDays: 4 })).toMatchObject({
      allowed: false,
      maxDays: 0,
    });
  });

  it('warns of the pending PLFSS 2026 renewal ban, and applies it only when turned on', () => {
    const renewal = { kind: 'sick-leave', date: '2026-02-01', requestedDays: 1, existingLeaveDays: 1 } as const;
    expect(evaluate(renewal)).toMatchObject({ allowed: true, maxDays: 2, warnings: ['plfss-2026-renewal-ban'] });
    expect(evaluate(renewal, { pendingRules: { sickLeaveRenewalBan: true } })).toMatchObject({ allowed: false, maxDays: 0 });
    expect(evaluate({ ...renewal, existingLeaveDays: 0 }, { pendingRules: { sickLeaveRenewalBan: true } })).toMatchObject({
      allowed: true,
    });
  });
});

describe('tele-expertise', () => {
  it('pays the expert but not a pharmacist requester', () => {
    expect(
      evaluate({ kind: 'teleexpertise', date: '2025-03-01', requester: { profession: 'pharmacist' }, expert: { profession: 'doctor' } }),
    ).toMatchObject({
      billable: true,
      expertCode: 'TE2',
      requesterCode: null,
      requesterFee: null,
      reasons: ['requester-not-billable'],
    });
  });

  it('limits midwives to 2 a year for the same patient', () => {
    const request = {
      kind: 'teleexpertise',
      date: '2025-03-01',
      requester: { profession: 'doctor' },
      expert: { profession: 'midwife' },
    } as const;
    expect(evaluate({ ...request, patient: { teleexpertisesThisYear: 1 } }).billable).toBe(true);
    expect(evaluate({ ...request, patient: { teleexpertisesThisYear: 2 } }).reasons).toEqual(['annual-limit-reached']);
  });

  it('lets nurses bill RQD only from avenant 9', () => {
    const request = (date: string) =>
      ({ kind: 'teleexpertise', date, requester: { profession: 'nurse' }, expert: { profession: 'doctor' } }) as const;
    expect(evaluate(request('2022-03-31')).requesterCode).toBeNull();
    expect(evaluate(request('2022-04-01')).requesterCode).toBe('RQD');
  });
});

describe('assisted teleconsultation', () => {
  it('bills TLM for a pharmacist charging the patient nothing, with the amount flagged', () => {
    expect(evaluate({ kind: 'assistance', date: '2025-03-01', assistant: 'pharmacist' })).toMatchObject({
      billable: true,
      code: 'TLM',
      fee: 1,
      warnings: ['tlm-amount-uncertain'],
    });
    expect(evaluate({ kind: 'assistance', date: '2025-03-01', assistant: 'pharmacist', feeChargedToPatient: 0 }).billable).toBe(true);
  });

  it('takes the cheapest nurse code when the setting is not given', () => {
    expect(evaluate({ kind: 'assistance', date: '2025-03-01', assistant: 'nurse' })).toMatchObject({
      code: 'TLS',
      fee: 10,
      warnings: ['nurse-setting-assumed'],
    });
  });
});

describe('telemonitoring', () => {
  const heartFailure = { kind: 'telemonitoring', date: '2025-03-01', indication: 'heart-failure', patient: { age: 70 } } as const;

  it('pays the enhanced forfaits for at most 12 months in heart failure', () => {
    expect(evaluate({ ...heartFailure, level: 'enhanced-1', monthsAtCurrentLevel: 12 })).toMatchObject({
      billable: true,
      operatorFee: 56,
      technicalFee: 50,
    });
    expect(evaluate({ ...heartFailure, level: 'enhanced-2', monthsAtCurrentLevel: 1 }).operatorFee).toBe(70);
    expect(evaluate({ ...heartFailure, level: 'enhanced-1', monthsAtCurrentLevel: 13 })).toMatchObject({
      billable: false,
      reasons: ['enhanced-duration-exceeded'],
    });
  });

  it('limits diabetes enhanced forfaits to 6 months, and flags the 2025 review', () => {
    const diabetes = { ...heartFailure, indication: 'diabetes', level: 'enhanced-1', date: '2025-07-01' } as const;
    expect(evaluate({ ...diabetes, monthsAtCurrentLevel: 7 }).reasons).toEqual(['enhanced-duration-exceeded']);
    expect(evaluate({ ...diabetes, monthsAtCurrentLevel: 6 }).warnings).toContain('enhanced-forfait-under-review');
  });

  it('falls back to the standard forfait where no enhanced level exists', () => {
    expect(evaluate({ ...heartFailure, indication: 'renal-failure', level: 'enhanced-2' })).toMatchObject({
      operatorFee: 28,
      warnings: ['enhanced-level-not-applicable'],
    });
  });

  it('pays the level-1 operator forfait for cardiac implants prescribed by a rhythmologist', () => {
    expect(
      evaluate({ ...heartFailure, indication: 'cardiac-implant', prescriber: { specialty: 'cardiology', rhythmologyCompetent: true } }),
    ).toMatchObject({ billable: true, operatorFee: 11, technicalFee: null, warnings: ['implant-technical-forfait-uncertain'] });
    expect(evaluate({ ...heartFailure, indication: 'cardiac-implant', date: '2024-03-30' }).eligible).toBe(false);
  });

  it('keeps billing when adherence is above 50 %, and stops at 50 % or less at months 1–2', () => {
    expect(evaluate({ ...heartFailure, adherence: { month: 1, transmissionRate: 0.51 } }).billable).toBe(true);
    expect(evaluate({ ...heartFailure, adherence: { month: 1, transmissionRate: 0.5 } }).billable).toBe(false);
  });

  it('has no ordinary-law telemonitoring before 1 Jul 2023', () => {
    expect(evaluate({ ...heartFailure, date: '2023-06-30' })).toMatchObject({
      eligible: false,
      billable: false,
      warnings: ['no-tariff-on-date'],
    });
  });
});

describe('identifier kind', () => {
  it('checks a FINESS and says its key is not verified', () => {
    expect(evaluate({ kind: 'identifier', system: 'finess', value: '75 0712184' })).toMatchObject({
      valid: true,
      normalized: '750712184',
      warnings: ['finess-check-key-not-verified'],
    });
  });
});
