import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkFiness, isFinessDepartement } from './finess.js';
import { checkNir, nirKey } from './nir.js';
import { checkRpps, passesLuhn } from './rpps.js';

describe('checkNir', () => {
  it('accepts the worked example 1 57 01 67 482 145, key 62, with or without spaces', () => {
    expect(nirKey('1570167482145')).toBe(62);
    expect(checkNir('157016748214562')).toEqual({ valid: true, normalized: '157016748214562', reasons: [], warnings: [] });
    expect(checkNir(' 1 57 01 67 482 145 62 ')).toEqual({ valid: true, normalized: '157016748214562', reasons: [], warnings: [] });
    // Pasted with no-break spaces (a word processor's grouping) too.
    expect(checkNir('1\u00a057\u202f01 67 482 145 62').valid).toBe(true);
  });

  it('refuses a tab, line break or other control character rather than repairing it', () => {
    for (const stray of ['\t', '\n', '\v', '\f', '\r']) {
      expect(checkNir(`157016748214562${stray}`).valid, JSON.stringify(stray)).toBe(false);
      expect(checkFiness(`750712184${stray}`).valid, JSON.stringify(stray)).toBe(false);
      expect(checkRpps(`10005173140${stray}`).valid, JSON.stringify(stray)).toBe(false);
    }
  });

  it('refuses a wrong key', () => {
    expect(checkNir('157016748214561')).toEqual({ valid: false, normalized: null, reasons: ['bad-key'], warnings: [] });
  });

  it('refuses a wrong length or foreign characters', () => {
    expect(checkNir('1570167482145').reasons).toEqual(['bad-length']);
    expect(checkNir('').reasons).toEqual(['bad-length', 'bad-characters']);
    expect(checkNir('1570167X8214562').reasons).toEqual(['bad-characters']);
    expect(checkNir('1570A67482145 62').reasons).toEqual(['bad-characters']);
  });

  it('refuses a first digit other than 1, 2 (sex), 3 (born abroad, pending) or 7, 8 (NIA), even with the right key', () => {
    for (const first of '04569') {
      const first13 = first + '570167482145';
      const nir = first13 + String(nirKey(first13)).padStart(2, '0');
      expect(checkNir(nir), nir).toEqual({ valid: false, normalized: null, reasons: ['bad-characters'], warnings: [] });
    }
    for (const first of '12378') {
      const first13 = first + '570167482145';
      expect(checkNir(first13 + String(nirKey(first13)).padStart(2, '0')).valid).toBe(true);
    }
  });

  it('accepts only NIRs that the database’s patients.nir check accepts too (migration 0010)', () => {
    const stored = /^[12378][0-9]{4}([0-9]{2}|2[AB])[0-9]{6}[0-9]{2}$/;
    const nirs = fc.tuple(
      fc.constantFrom(...'0123456789'),
      fc.stringMatching(/^[0-9]{4}$/),
      fc.constantFrom('2A', '2B', '75', '99', '20', 'A2'),
      fc.stringMatching(/^[0-9]{6}$/),
    );
    fc.assert(
      fc.property(nirs, ([first, yearMonth, departement, rest]) => {
        const first13 = first + yearMonth + departement + rest;
        const check = checkNir(first13 + String(nirKey(first13)).padStart(2, '0'));
        if (check.valid) expect(check.normalized).toMatch(stored);
      }),
    );
  });

  it('computes Corsican keys with 2A as 19 and 2B as 18, and says the convention is uncertain', () => {
    const first13 = '185052A123456';
    const key = 97 - (Number('1850519123456') % 97);
    const nir = first13 + String(key).padStart(2, '0');
    expect(checkNir(nir)).toEqual({ valid: true, normalized: nir, reasons: [], warnings: ['nir-corsica-key-convention'] });
    expect(checkNir(nir.toLowerCase()).normalized).toBe(nir);
    const bastia = '290022B004001';
    const bastiaKey = String(97 - (Number(bastia.replace('2B', '18')) % 97)).padStart(2, '0');
    expect(checkNir(bastia + bastiaKey).valid).toBe(true);
  });

  it('accepts exactly the NIR whose key is 97 − (first 13 digits mod 97)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_000_000_000_000, max: 2_999_999_999_999 }), fc.integer({ min: 1, max: 97 }), (n, key) => {
        const nir = String(n) + String(key).padStart(2, '0');
        expect(checkNir(nir).valid).toBe(key === 97 - (n % 97));
      }),
    );
  });
});

describe('checkRpps', () => {
  it('accepts the real RPPS 10005173140, which passes Luhn', () => {
    expect(passesLuhn('10005173140')).toBe(true);
    expect(checkRpps('10005173140')).toEqual({ valid: true, normalized: '10005173140', reasons: [], warnings: [] });
  });

  it('accepts the fictitious ANS example 10003461033 with a check-digit warning', () => {
    expect(checkRpps('10003461033')).toEqual({ valid: true, normalized: '10003461033', reasons: [], warnings: ['rpps-check-digit'] });
  });

  it('refuses a wrong length or non-digits', () => {
    expect(checkRpps('1000517314').reasons).toEqual(['bad-length']);
    expect(checkRpps('1000517314A').reasons).toEqual(['bad-characters']);
    expect(checkRpps('810005173140').reasons).toEqual(['bad-length']);
  });
});

describe('checkFiness', () => {
  it('accepts 9 characters starting with a département, Corsica and overseas included', () => {
    for (const value of ['750712184', '010000016', '2A0000123', '2b0000123', '970100010']) {
      const check = checkFiness(value);
      expect(check.valid, value).toBe(true);
      expect(check.warnings).toEqual(['finess-check-key-not-verified']);
    }
  });

  it('refuses a wrong length, an unknown département or letters', () => {
    expect(checkFiness('75071218').reasons).toEqual(['bad-length']);
    expect(checkFiness('200712184').reasons).toEqual(['bad-characters']);
    expect(checkFiness('990712184').reasons).toEqual(['bad-characters']);
    expect(checkFiness('000712184').reasons).toEqual(['bad-characters']);
    expect(checkFiness('75071218X').reasons).toEqual(['bad-characters']);
    expect(isFinessDepartement('96')).toBe(false);
  });
});
