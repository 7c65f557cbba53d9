import { describe, expect, it } from 'vitest';
import { actionsAt } from './AgendaPage.js';

const start = '2026-12-02T14:30:00.000Z';
const at = Date.parse(start);

describe('the agenda’s actions, as the server accepts them', () => {
  it('offers « Absent » only once the appointment’s time has come', () => {
    expect(actionsAt({ status: 'booked', startsAt: start }, at - 60_000)).toEqual(['checked-in', 'in-progress']);
    expect(actionsAt({ status: 'booked', startsAt: start }, at)).toEqual(['checked-in', 'in-progress', 'no-show']);
    expect(actionsAt({ status: 'checked-in', startsAt: start }, at - 60_000)).toEqual(['in-progress']);
    expect(actionsAt({ status: 'checked-in', startsAt: start }, at + 60_000)).toEqual(['in-progress', 'no-show']);
  });

  it('offers nothing more for an appointment that is over', () => {
    for (const status of ['completed', 'cancelled', 'no-show', 'reoriented'] as const) {
      expect(actionsAt({ status, startsAt: start }, at + 3_600_000)).toEqual([]);
    }
    expect(actionsAt({ status: 'in-progress', startsAt: start }, at + 60_000)).toEqual(['completed']);
  });
});
