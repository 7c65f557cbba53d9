import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate.js';
import type { TeleconsultationRequest } from './types.js';

const base: TeleconsultationRequest = {
  kind: 'teleconsultation',
  date: '2025-03-01',
  modality: 'video',
  practitioner: { profession: 'doctor', specialty: 'general-practice' },
  patient: { age: 40, treatingDoctor: 'referred' },
};
const teleconsultation = (change: {
  date?: string;
  time?: string;
  modality?: 'video' | 'phone';
  practitioner?: Partial<TeleconsultationRequest['practitioner']>;
  patient?: Partial<TeleconsultationRequest['patient']>;
  context?: TeleconsultationRequest['context'];
}): TeleconsultationRequest => ({
  ...base,
  ...change,
  practitioner: { ...base.practitioner, ...change.practitioner },
  patient: { ...base.patient, ...change.patient },
});

describe('teleconsultation: territoriality', () => {
  it('waives territoriality for a ZIP resident without a treating doctor seen by a GP, with a warning', () => {
    const decision = evaluate(teleconsultation({ practitioner: { local: false }, patient: { livesInZip: true, treatingDoctor: 'none' } }));
    expect(decision.reimbursable).toBe(true);
    expect(decision.reasons).toContain('zip-resident');
    expect(decision.warnings).toContain('zip-conditions-uncertain');
  });

  it('does not stretch the ZIP waiver to a specialist or a patient with a treating doctor (prudent reading)', () => {
    const withTreatingDoctor = evaluate(teleconsultation({ practitioner: { local: false }, patient: { livesInZip: true } }));
    expect(withTreatingDoctor.reimbursable).toBe(false);
    expect(withTreatingDoctor.reasons).toContain('territoriality-not-respected');
    const specialist = evaluate(
      teleconsultation({ practitioner: { local: false, specialty: 'dermatology' }, patient: { livesInZip: true, treatingDoctor: 'none' } }),
    );
    expect(specialist.reimbursable).toBe(false);
  });
});

describe('teleconsultation: codes and fees', () => {
  it('bills TC for a sector-2 doctor outside OPTAM charging above the tariff, on the tariff basis', () => {
    const decision = evaluate(teleconsultation({ practitioner: { sector: 2 }, context: { feeCharged: 40 } }));
    expect(decision).toMatchObject({ code: 'TC', fee: 25, amoAmount: 15.5, ticketModerateur: 7.5 });
  });

  it('bills TCG for OPTAM and for sector 2 at the tariff', () => {
    expect(evaluate(teleconsultation({ practitioner: { sector: 2, optam: true }, context: { feeCharged: 40 } })).code).toBe('TCG');
    expect(evaluate(teleconsultation({ practitioner: { sector: 2 } })).code).toBe('TCG');
  });

  it('refuses a sector-1 doctor charging above the tariff', () => {
    const decision = evaluate(teleconsultation({ context: { feeCharged: 30 } }));
    expect(decision).toMatchObject({ billable: false, code: null });
    expect(decision.reasons).toContain('fee-above-sector-1-tariff');
  });

  it('applies the company rules only from the décret of March 2024', () => {
    const decision = evaluate(teleconsultation({ date: '2023-06-01', practitioner: { company: { approved: false } } }));
    expect(decision.billable).toBe(true);
    expect(decision.warnings).toContain('company-agrement-not-yet-required');
  });
});

describe('teleconsultation: uncertain majorations are never added', () => {
  it('warns about the evening majoration at 21:30 and on Sundays, from the 2024 convention', () => {
    expect(evaluate(teleconsultation({ time: '21:30' })).warnings).toContain('after-hours-majoration-not-applied');
    expect(evaluate(teleconsultation({ time: '07:59' })).warnings).toContain('after-hours-majoration-not-applied');
    expect(evaluate(teleconsultation({ date: '2025-03-02', time: '10:00' })).warnings).toContain('after-hours-majoration-not-applied');
    expect(evaluate(teleconsultation({ time: '10:00' })).warnings).not.toContain('after-hours-majoration-not-applied');
    expect(evaluate(teleconsultation({ date: '2023-03-01', time: '21:30' })).warnings).not.toContain('after-hours-majoration-not-applied');
    expect(evaluate(teleconsultation({ time: '21:30' })).fee).toBe(25);
  });
});

describe('teleconsultation: rates and participation', () => {
  it('deducts the participation forfaitaire for AT/MP, with a warning, at 100 %', () => {
    const decision = evaluate(teleconsultation({ patient: { coverage: ['at-mp'] } }));
    expect(decision).toMatchObject({ amoRate: 1, amoAmount: 23, participationForfaitaire: 2, ticketModerateur: 0, tiersPayant: 'amo' });
    expect(decision.warnings).toContain('pf-at-mp-exemption-uncertain');
  });

  it('exempts a pregnant patient from the 6th month only', () => {
    expect(evaluate(teleconsultation({ patient: { pregnancyMonth: 5 } })).participationForfaitaire).toBe(2);
    expect(evaluate(teleconsultation({ patient: { pregnancyMonth: 6 } })).participationForfaitaire).toBe(0);
  });

  it('gives full tiers payant to AME beneficiaries', () => {
    expect(evaluate(teleconsultation({ patient: { coverage: ['ame'] } }))).toMatchObject({
      tiersPayant: 'full',
      participationForfaitaire: 0,
    });
  });

  it('keeps the ordinary rate during the Covid 100 % period, with a warning', () => {
    const decision = evaluate(teleconsultation({ date: '2022-06-01' }));
    expect(decision.amoRate).toBe(0.7);
    expect(decision.warnings).toContain('covid-full-coverage-period');
  });
});

describe('teleconsultation: phone, midwives', () => {
  it('flags the Covid phone derogation for phone calls until June 2021', () => {
    expect(evaluate(teleconsultation({ date: '2021-06-30', modality: 'phone' })).warnings).toContain('covid-phone-derogation');
    expect(evaluate(teleconsultation({ date: '2021-07-01', modality: 'phone' })).warnings).not.toContain('covid-phone-derogation');
  });

  it('lets a midwife bill after an in-person act within 12 months, without participation forfaitaire', () => {
    const decision = evaluate(
      teleconsultation({
        practitioner: { profession: 'midwife' },
        patient: { age: 30, lastInPersonVisit: '2024-09-01' },
        context: { midwifeAct: 'pregnancy-follow-up' },
      }),
    );
    expect(decision).toMatchObject({
      billable: true,
      reimbursable: true,
      code: 'TCG',
      fee: 25,
      participationForfaitaire: 0,
      amoAmount: 17.5,
    });
    expect(decision.warnings).toContain('midwife-tcg-amount');
  });

  it('has no midwife teleconsultation before 5 Sep 2022', () => {
    const decision = evaluate(
      teleconsultation({ date: '2022-09-04', practitioner: { profession: 'midwife' }, context: { midwifeAct: 'emergency-contraception' } }),
    );
    expect(decision.billable).toBe(false);
    expect(decision.warnings).toContain('no-tariff-on-date');
  });
});
