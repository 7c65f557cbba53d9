import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn } from '../rules/calendar.js';
import { evaluate } from '../rules/evaluate.js';
import { teleconsultationRequest as requestArbitrary } from '../rules/testing/arbitraries.js';
import type { TeleconsultationDecision } from '../rules/types.js';
import { parseRulesRequest } from '../rules/validation.js';
import { SUPPLEMENTARY_COVERS, UNSTATED_INSURANCE, type InsuranceSituation } from './insurance.js';
import { patientShare } from './patient-share.js';
import { teleconsultationRequest, type TeleconsultationFacts } from './teleconsultation-facts.js';

const gp = { profession: 'doctor', specialty: 'general-practice', sector: 1, optam: false, isTreatingDoctor: true, local: true } as const;

function facts(patient: Partial<TeleconsultationFacts['patient']> = {}, rest: Partial<TeleconsultationFacts> = {}): TeleconsultationFacts {
  return {
    date: '2026-11-23',
    modality: 'video',
    practitioner: gp,
    patient: { birthDate: '1988-04-12', insurance: UNSTATED_INSURANCE, treatingDoctor: 'referred', ...patient },
    ...rest,
  };
}

const decide = (f: TeleconsultationFacts) => evaluate(teleconsultationRequest(f)) as TeleconsultationDecision;

describe('ageOn', () => {
  it('counts whole years, the birthday included', () => {
    expect(ageOn('1988-04-12', '2026-04-11')).toBe(37);
    expect(ageOn('1988-04-12', '2026-04-12')).toBe(38);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageOn('2026-11-23', '2026-11-23')).toBe(0);
  });
});

describe('teleconsultationRequest', () => {
  it('spells out every field, the contract’s defaults included: parsing it changes nothing', () => {
    const midwife = { profession: 'midwife' } as const;
    for (const request of [
      teleconsultationRequest(facts()),
      teleconsultationRequest(facts({ residence: 'ehpad' }, { practitioner: midwife, context: { midwifeAct: 'other' } })),
    ]) {
      expect(parseRulesRequest(request)).toEqual({ ok: true, request });
    }
  });

  it('takes the age on the day of the act, not today', () => {
    expect(teleconsultationRequest(facts({ birthDate: '2008-12-01' })).patient.age).toBe(17);
    expect(teleconsultationRequest(facts({ birthDate: '2008-12-01' }, { date: '2026-12-01' })).patient.age).toBe(18);
  });

  it('pays an ALD at 100 % only for the care of that condition', () => {
    const insurance: InsuranceSituation = { treatingDoctor: 'declared', ald: true, cover: 'private' };
    expect(decide(facts({ insurance })).amoRate).toBe(0.7);
    const ald = decide(facts({ insurance, concernsAld: true }));
    expect(ald.amoRate).toBe(1);
    expect(ald.reasons).toContain('rate-100-ald');
  });

  it('turns the 6th month of pregnancy into maternity cover, not before', () => {
    expect(teleconsultationRequest(facts({ pregnancyMonth: 5 })).patient.coverage).toEqual([]);
    const sixth = decide(facts({ pregnancyMonth: 6 }));
    expect(sixth.reasons).toEqual(expect.arrayContaining(['rate-100-maternity', 'pf-exempt-pregnancy']));
    expect(sixth.tiersPayant).toBe('amo');
  });

  it('carries CSS and AME from the insurance situation, a mutuelle not', () => {
    expect(teleconsultationRequest(facts({ insurance: { ...UNSTATED_INSURANCE, cover: 'css' } })).patient.coverage).toEqual(['css']);
    expect(teleconsultationRequest(facts({ insurance: { ...UNSTATED_INSURANCE, cover: 'ame' } })).patient.coverage).toEqual(['ame']);
    expect(teleconsultationRequest(facts({ insurance: { ...UNSTATED_INSURANCE, cover: 'private' } })).patient.coverage).toEqual([]);
  });
});

describe('patientShare', () => {
  it('an adult with a mutuelle seen by their treating doctor: 25 € charged, 2 € left to pay, 25 € advanced', () => {
    const decision = decide(facts({ insurance: { treatingDoctor: 'declared', ald: false, cover: 'private' } }));
    expect(decision.fee).toBe(25);
    expect(patientShare(decision, { cover: 'private' })).toEqual({
      charged: 25,
      excess: 0,
      amo: 15.5,
      supplementary: 7.5,
      outOfPocket: 2,
      advance: 25,
      advanceWithAmoTiersPayant: 7.5,
    });
  });

  it('without supplementary cover the ticket modérateur stays with the patient', () => {
    const decision = decide(facts());
    expect(patientShare(decision, { cover: 'none' })).toMatchObject({ supplementary: 0, outOfPocket: 9.5 });
  });

  it('CSS: nothing to advance and nothing left to pay', () => {
    const decision = decide(facts({ insurance: { ...UNSTATED_INSURANCE, cover: 'css' } }));
    expect(patientShare(decision, { cover: 'css' })).toMatchObject({ advance: 0, outOfPocket: 0, amo: 17.5, supplementary: 7.5 });
  });

  it('an act not reimbursed is paid in full by the patient', () => {
    const decision = decide(facts({ treatingDoctor: 'available' }, { practitioner: { ...gp, isTreatingDoctor: false } }));
    expect(decision.reimbursable).toBe(false);
    expect(patientShare(decision, { cover: 'private' })).toMatchObject({ charged: 25, amo: 0, outOfPocket: 25, advance: 25 });
  });

  it('a fee above the tariff is left to the patient, besides the participation forfaitaire', () => {
    const sector2 = { ...gp, sector: 2 as const };
    const decision = decide(facts({}, { practitioner: sector2, context: { feeCharged: 40 } }));
    expect(decision.reimbursable).toBe(true);
    expect(patientShare(decision, { feeCharged: 40, cover: 'private' })).toMatchObject({ charged: 40, excess: 15, outOfPocket: 17 });
  });

  it('an act neither billable nor priced has no amount to announce', () => {
    const decision = decide(facts({}, { modality: 'phone' }));
    expect(patientShare(decision, { cover: 'private' })).toMatchObject({ charged: null, outOfPocket: null, advance: null });
  });

  it('splits every reimbursable act exactly, and never asks more on the day than is charged', () => {
    fc.assert(
      fc.property(requestArbitrary, fc.constantFrom(...SUPPLEMENTARY_COVERS, null), (request, cover) => {
        const decision = evaluate(request) as TeleconsultationDecision;
        const share = patientShare(decision, { feeCharged: request.context?.feeCharged, cover });
        if (share.charged === null) return;
        const cents = (euros: number) => Math.round(euros * 100);
        for (const amount of [share.excess, share.amo, share.supplementary, share.outOfPocket!, share.advance!]) {
          expect(amount).toBeGreaterThanOrEqual(0);
        }
        expect(cents(share.advance!)).toBeLessThanOrEqual(cents(share.charged));
        if (decision.reimbursable) {
          expect(cents(share.amo) + cents(share.supplementary) + cents(share.outOfPocket!)).toBe(cents(share.charged));
        }
      }),
      { numRuns: 2000 },
    );
  });
});
