import { describe, expect, it } from 'vitest';
import { formatDay, rulesNotYetKnown } from './today.js';

describe('the rules’ horizon', () => {
  it('takes the rules of the coming year as known, and not those of later dates', () => {
    expect(rulesNotYetKnown('2026-12-02', '2026-12-02')).toBe(false);
    expect(rulesNotYetKnown('2027-12-02', '2026-12-02')).toBe(false);
    expect(rulesNotYetKnown('2027-12-03', '2026-12-02')).toBe(true);
    expect(rulesNotYetKnown('2090-01-01', '2026-12-02')).toBe(true);
    expect(rulesNotYetKnown('2020-01-01', '2026-12-02')).toBe(false);
  });

  it('writes a day as a person reads it', () => {
    expect(formatDay('2090-03-01', 'fr')).toBe('1 mars 2090');
    expect(formatDay('2090-03-01', 'en')).toBe('1 March 2090');
  });
});
