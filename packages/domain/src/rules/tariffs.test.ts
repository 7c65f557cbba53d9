// An act is judged by the rules of its own date: each dated row starts on its day and no earlier.
import { describe, expect, it } from 'vitest';
import { datedTable, rowInForce } from './dated.js';
import { evaluate } from './evaluate.js';
import * as tariffs from './tariffs.js';
import type { TeleconsultationRequest } from './types.js';

const adult = (date: string, patient: Partial<TeleconsultationRequest['patient']> = {}): TeleconsultationRequest => ({
  kind: 'teleconsultation',
  date,
  modality: 'video',
  practitioner: { profession: 'doctor', specialty: 'general-practice' },
  patient: { age: 40, treatingDoctor: 'referred', ...patient },
});

describe('rowInForce', () => {
  const table = datedTable([
    { from: '2024-05-15', value: 2, source: 'b' },
    { from: '2005-01-01', value: 1, source: 'a' },
  ]);

  it('picks the last row started on or before the day, whatever the order rows were written in', () => {
    expect(rowInForce(table, '2004-12-31')).toBeUndefined();
    expect(rowInForce(table, '2005-01-01')?.value).toBe(1);
    expect(rowInForce(table, '2024-05-14')?.value).toBe(1);
    expect(rowInForce(table, '2024-05-15')?.value).toBe(2);
    expect(rowInForce(table, '2199-12-31')?.value).toBe(2);
  });

  it('refuses two rows starting the same day', () => {
    expect(() =>
      datedTable([
        { from: '2024-01-01', value: 1, source: 'a' },
        { from: '2024-01-01', value: 2, source: 'b' },
      ]),
    ).toThrow();
  });

  it('gives every row of every table a source URL, rows in date order', () => {
    for (const [name, table] of Object.entries(tariffs)) {
      const isDatedTable = Array.isArray(table) && table.every((row: unknown) => typeof row === 'object' && row !== null && 'from' in row);
      if (!isDatedTable) continue;
      const rows = table as { from: string; source: string }[];
      for (const row of rows) expect(row.source, name).toMatch(/^https?:\/\//);
      expect(
        rows.map((row) => row.from),
        name,
      ).toEqual([...rows.map((row) => row.from)].sort());
    }
  });
});

describe('participation forfaitaire by date', () => {
  it('is 1 € until 14 May 2024 and 2 € from 15 May 2024', () => {
    const before = evaluate(adult('2024-05-14'));
    const after = evaluate(adult('2024-05-15'));
    expect([before.participationForfaitaire, before.amoAmount]).toEqual([1, 16.5]);
    expect([after.participationForfaitaire, after.amoAmount]).toEqual([2, 15.5]);
  });

  it('takes only what remains under the 50 € annual cap', () => {
    const decision = evaluate(adult('2025-03-01', { participationsPaidThisYear: 49 }));
    expect(decision.participationForfaitaire).toBe(1);
    expect(decision.amoAmount).toBe(16.5);
    expect(decision.reasons).toContain('pf-annual-cap-reached');
  });
});

describe('tele-expertise fees by date', () => {
  const request = (date: string) =>
    ({ kind: 'teleexpertise', date, requester: { profession: 'doctor' }, expert: { profession: 'doctor' } }) as const;

  it('pays TE2 20 € until 31 Dec 2025 and 23 € from 1 Jan 2026; RQD stays 10 €', () => {
    expect(evaluate(request('2025-12-31'))).toMatchObject({ expertFee: 20, requesterFee: 10 });
    expect(evaluate(request('2026-01-01'))).toMatchObject({ expertFee: 23, requesterFee: 10 });
  });

  it('has no tele-expertise before 10 Feb 2019, and assumes level 2 before the single level of April 2022', () => {
    expect(evaluate(request('2019-02-09'))).toMatchObject({ billable: false, warnings: ['no-tariff-on-date'] });
    expect(evaluate(request('2019-02-10'))).toMatchObject({ billable: true, expertFee: 20, warnings: ['teleexpertise-level-assumed'] });
    expect(evaluate(request('2022-04-01')).warnings).toEqual([]);
  });
});

describe('the 12-month prior-knowledge rule by date', () => {
  const specialist = (date: string, lastInPersonVisit?: string): TeleconsultationRequest => ({
    kind: 'teleconsultation',
    date,
    modality: 'video',
    practitioner: { profession: 'doctor', specialty: 'dermatology' },
    patient: { age: 45, treatingDoctor: 'referred', ...(lastInPersonVisit ? { lastInPersonVisit } : {}) },
  });

  it('does not exist before 15 Sep 2018 (no teleconsultation was reimbursable then)', () => {
    const decision = evaluate(specialist('2018-09-14'));
    expect(decision.billable).toBe(false);
    expect(decision.reasons).not.toContain('prior-knowledge-missing');
    expect(decision.warnings).toContain('no-tariff-on-date');
  });

  it('applies from 15 Sep 2018 to 31 Mar 2022, and no longer from 1 Apr 2022', () => {
    expect(evaluate(specialist('2018-09-15')).reasons).toContain('prior-knowledge-missing');
    expect(evaluate(specialist('2022-03-31')).reasons).toContain('prior-knowledge-missing');
    const after = evaluate(specialist('2022-04-01'));
    expect(after.reasons).not.toContain('prior-knowledge-missing');
    expect(after.reimbursable).toBe(true);
  });

  it('warns of the Covid derogations for acts from 10 Mar 2020, and not before', () => {
    expect(evaluate(specialist('2020-03-09')).warnings).not.toContain('covid-derogation-period');
    expect(evaluate(specialist('2020-03-10')).warnings).toContain('covid-derogation-period');
    expect(evaluate(specialist('2022-03-31')).warnings).toContain('covid-derogation-period');
  });

  it('is met by an in-person visit within the previous 12 months', () => {
    expect(evaluate(specialist('2019-06-01', '2018-06-01')).reimbursable).toBe(true);
    expect(evaluate(specialist('2019-06-01', '2018-05-31')).reimbursable).toBe(false);
    expect(evaluate(specialist('2019-06-01', '2019-06-02')).reimbursable).toBe(false);
  });

  it('is waived by the care-pathway exceptions', () => {
    const child: TeleconsultationRequest = { ...specialist('2019-06-01'), patient: { age: 10, treatingDoctor: 'available' } };
    expect(evaluate(child)).toMatchObject({ reimbursable: true });
    expect(evaluate(child).reasons).toContain('under-16');
  });
});

describe('specialist tariffs by date', () => {
  const specialist = (
    date: string,
    specialty: 'gynecology' | 'psychiatry' | 'pediatrics' | 'cardiology',
    age = 30,
  ): TeleconsultationRequest => ({
    kind: 'teleconsultation',
    date,
    modality: 'video',
    practitioner: { profession: 'doctor', specialty },
    patient: { age, treatingDoctor: 'referred' },
  });

  it('follows the in-person increases of 22 Dec 2024 and 1 Jul 2025, with a warning', () => {
    expect(evaluate(specialist('2024-12-21', 'gynecology')).fee).toBe(30);
    expect(evaluate(specialist('2024-12-22', 'gynecology')).fee).toBe(37);
    expect(evaluate(specialist('2025-07-01', 'gynecology')).fee).toBe(40);
    expect(evaluate(specialist('2025-03-01', 'psychiatry')).fee).toBe(55);
    expect(evaluate(specialist('2025-03-01', 'pediatrics', 1)).fee).toBe(39);
    expect(evaluate(specialist('2025-03-01', 'pediatrics', 4)).fee).toBe(35);
    expect(evaluate(specialist('2025-03-01', 'cardiology')).fee).toBe(31.5);
    expect(evaluate(specialist('2025-03-01', 'cardiology')).warnings).toContain('specialist-tariff-equivalence');
  });

  it('keeps the GP teleconsultation at 25 € after the in-person G rose to 30 €', () => {
    expect(evaluate(adult('2024-12-22')).fee).toBe(25);
  });
});

describe('sick leave by date', () => {
  it('has no telemedicine cap before 1 Jan 2024', () => {
    expect(evaluate({ kind: 'sick-leave', date: '2023-12-31', requestedDays: 10 })).toMatchObject({
      allowed: true,
      maxDays: null,
      reasons: ['no-cap-before-2024'],
    });
    expect(evaluate({ kind: 'sick-leave', date: '2024-01-01', requestedDays: 10 })).toMatchObject({ allowed: false, maxDays: 3 });
  });
});

describe('activity cap by date', () => {
  const cap = (date: string, specialty: 'psychiatry' | 'general-practice', share: number) =>
    evaluate({ kind: 'activity-cap', date, specialty, teleconsultationShare: share });

  it('gives psychiatrists 40 % from the 2024 convention, 20 % before', () => {
    expect(cap('2024-06-20', 'psychiatry', 0.35)).toMatchObject({ withinCap: false, cap: 0.2, warnings: ['teleexpertise-counted-in-cap'] });
    expect(cap('2024-06-21', 'psychiatry', 0.35)).toMatchObject({ withinCap: true, cap: 0.4, warnings: [] });
  });

  it('finds no cap before avenant 9', () => {
    expect(cap('2021-01-01', 'general-practice', 0.9)).toMatchObject({ withinCap: true, cap: 1, warnings: ['no-activity-cap-on-date'] });
  });

  it('counts exactly 20 % as within the cap', () => {
    expect(cap('2025-03-01', 'general-practice', 0.2).withinCap).toBe(true);
  });
});
