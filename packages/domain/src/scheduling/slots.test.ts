import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextSlots, openIntervals, type Availability, type Interval, type WeeklyOpening } from './slots.js';
import { canonicalTimeZone, instantOfWallTime, isoDateOf, localDateOf, wallTimeOf } from './wall-time.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const at = (iso: string) => Date.parse(iso);
const paris = (instant: number) => wallTimeOf(instant, 'Europe/Paris');

const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
const weekly = (start: string, end: string, days = EVERY_DAY): WeeklyOpening[] =>
  days.map((weekday) => ({ weekday, start, end, modalities: ['video'] }));

const availability = (overrides: Partial<Availability> = {}): Availability => ({
  timeZone: 'Europe/Paris',
  weekly: weekly('09:00', '12:00'),
  exceptions: [],
  consultation: { modality: 'video', durationMinutes: 30, bufferMinutes: 0, minimumNoticeMinutes: 0, horizonDays: 365 },
  ...overrides,
});

describe('nextSlots across the changes of the clocks (Europe/Paris, 2026-03-29 and 2026-10-25)', () => {
  // From a week before spring forward to a week after fall back, with "now" long before.
  const window = { start: at('2026-03-22T00:00:00+01:00'), end: at('2026-11-01T00:00:00+01:00') };
  const now = at('2026-01-01T00:00:00Z');

  it('yields every daily slot exactly once, at its wall time, before, on and after each change', () => {
    const slots = nextSlots(availability(), [], window, now);
    const days = Math.round((window.end - window.start) / DAY);
    expect(slots).toHaveLength(days * 6);
    expect(new Set(slots.map((s) => s.start)).size).toBe(slots.length);
    const byDay = new Map<string, string[]>();
    for (const slot of slots) {
      const { date, time } = paris(slot.start);
      byDay.set(date, [...(byDay.get(date) ?? []), time]);
    }
    expect(byDay.size).toBe(days);
    for (const [date, times] of byDay) expect(times, date).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00', '11:30']);
    // The offsets change under the same wall times: 08:00 UTC in winter, 07:00 UTC in summer.
    expect(new Date(slots.find((s) => paris(s.start).date === '2026-03-28')!.start).toISOString()).toBe('2026-03-28T08:00:00.000Z');
    expect(new Date(slots.find((s) => paris(s.start).date === '2026-03-29')!.start).toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(new Date(slots.find((s) => paris(s.start).date === '2026-10-25')!.start).toISOString()).toBe('2026-10-25T08:00:00.000Z');
  });

  it('an opening across the changed hour lasts the real time between its wall times: no lost, no doubled slot', () => {
    const night = availability({ weekly: weekly('01:00', '04:00', [7]) });
    const spring = nextSlots(night, [], { start: at('2026-03-29T00:00:00+01:00'), end: at('2026-03-30T00:00:00+02:00') }, now);
    // 01:00 CET to 04:00 CEST is two real hours: 01:00, 01:30, then 03:00, 03:30 (02:xx does not exist).
    expect(spring.map((s) => paris(s.start).time)).toEqual(['01:00', '01:30', '03:00', '03:30']);
    const autumn = nextSlots(night, [], { start: at('2026-10-25T00:00:00+02:00'), end: at('2026-10-26T00:00:00+01:00') }, now);
    // 01:00 CEST to 04:00 CET is four real hours: 02:00 and 02:30 happen twice, as distinct instants.
    expect(autumn.map((s) => paris(s.start).time)).toEqual(['01:00', '01:30', '02:00', '02:30', '02:00', '02:30', '03:00', '03:30']);
    expect(new Set(autumn.map((s) => s.start)).size).toBe(8);
    for (let i = 1; i < autumn.length; i++) expect(autumn[i]!.start - autumn[i - 1]!.start).toBe(30 * MINUTE);
  });

  it('reads an overseas site’s hours in its own zone, which has no change of the clocks', () => {
    const martinique = availability({ timeZone: 'America/Martinique' });
    const slots = nextSlots(martinique, [], { start: at('2026-03-29T00:00:00-04:00'), end: at('2026-03-30T00:00:00-04:00') }, now);
    expect(slots.map((s) => new Date(s.start).toISOString())[0]).toBe('2026-03-29T13:00:00.000Z');
    expect(slots).toHaveLength(6);
  });
});

describe('nextSlots', () => {
  const monday = at('2026-11-23T00:00:00+01:00');
  const day = { start: monday, end: monday + DAY };
  const now = at('2026-11-01T00:00:00Z');
  const times = (slots: Interval[]) => slots.map((s) => paris(s.start).time);

  it('leaves out busy time and the buffer after each consultation, keeping the grid', () => {
    const withBuffer = availability({ consultation: { ...availability().consultation, durationMinutes: 20, bufferMinutes: 10 } });
    const busy = [{ start: at('2026-11-23T10:00:00+01:00'), end: at('2026-11-23T10:45:00+01:00') }];
    expect(times(nextSlots(withBuffer, busy, day, now))).toEqual(['09:00', '09:30', '11:00', '11:30']);
  });

  it('honours the minimum notice and the horizon', () => {
    const rules = { ...availability().consultation, minimumNoticeMinutes: 120, horizonDays: 1 };
    const soon = at('2026-11-23T08:10:00+01:00');
    // Notice: nothing before 10:10. Horizon: nothing after 08:10 the next day.
    expect(times(nextSlots(availability({ consultation: rules }), [], { start: monday, end: monday + 3 * DAY }, soon))).toEqual([
      '10:30',
      '11:00',
      '11:30',
    ]);
  });

  it('closes for an absence, opens for an extra opening of the right modality only', () => {
    const exceptions = [
      { kind: 'closed' as const, start: at('2026-11-23T09:00:00+01:00'), end: at('2026-11-23T11:00:00+01:00') },
      {
        kind: 'open' as const,
        start: at('2026-11-23T14:00:00+01:00'),
        end: at('2026-11-23T15:00:00+01:00'),
        modalities: ['video' as const],
      },
      {
        kind: 'open' as const,
        start: at('2026-11-23T18:00:00+01:00'),
        end: at('2026-11-23T19:00:00+01:00'),
        modalities: ['phone' as const],
      },
    ];
    expect(times(nextSlots(availability({ exceptions }), [], day, now))).toEqual(['11:00', '11:30', '14:00', '14:30']);
  });

  it('offers a modality only in the openings that offer it, merges overlapping openings, and stops at the limit', () => {
    const mixed = availability({
      weekly: [
        { weekday: 1, start: '09:00', end: '10:00', modalities: ['in-person'] },
        { weekday: 1, start: '10:00', end: '11:00', modalities: ['video', 'phone'] },
        { weekday: 1, start: '10:30', end: '11:30', modalities: ['video'] },
      ],
    });
    expect(times(nextSlots(mixed, [], day, now))).toEqual(['10:00', '10:30', '11:00']);
    expect(times(nextSlots(mixed, [], day, now, { limit: 2 }))).toEqual(['10:00', '10:30']);
  });

  it('recognises time zones, canonically', () => {
    expect(canonicalTimeZone('europe/paris')).toBe('Europe/Paris');
    expect(canonicalTimeZone('Indian/Reunion')).toBe('Indian/Reunion');
    expect(canonicalTimeZone('Europe/Atlantis')).toBeNull();
    expect(canonicalTimeZone('')).toBeNull();
    expect(instantOfWallTime({ year: 2026, month: 3, day: 29 }, 150, 'Europe/Paris')).toBe(at('2026-03-29T03:30:00+02:00'));
  });
});

describe('localDateOf (its offsets cached by quarter hour)', () => {
  it('gives the day the zone’s wall clock shows at any instant, on either side of every change of the clocks', () => {
    const zones = ['Europe/Paris', 'America/Martinique', 'Indian/Reunion', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/Santiago'];
    // Each change of the clocks in 2026, and a minute either side of it.
    const changes = [at('2026-03-29T01:00:00Z'), at('2026-10-25T01:00:00Z'), at('2026-04-04T15:00:00Z'), at('2026-10-03T15:30:00Z')];
    const instants = fc.oneof(
      fc.integer({ min: at('1990-01-01T00:00:00Z'), max: at('2060-01-01T00:00:00Z') }),
      fc.tuple(fc.constantFrom(...changes), fc.integer({ min: -2 * HOUR, max: 2 * HOUR })).map(([change, delta]) => change + delta),
    );
    fc.assert(
      fc.property(fc.constantFrom(...zones), instants, (zone, instant) => {
        expect(isoDateOf(localDateOf(instant, zone))).toBe(wallTimeOf(instant, zone).date);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('nextSlots, for any availability and bookings (property)', () => {
  const time = fc.integer({ min: 0, max: 48 }).map((half) => `${String(Math.floor(half / 2)).padStart(2, '0')}:${half % 2 ? '30' : '00'}`);
  const opening = fc
    .record({
      weekday: fc.integer({ min: 1, max: 7 }),
      a: time,
      b: time,
      modalities: fc.subarray(['video', 'phone', 'in-person'] as const),
    })
    .filter(({ a, b, modalities }) => a !== b && modalities.length > 0)
    .map(({ weekday, a, b, modalities }) => ({ weekday, start: a < b ? a : b, end: a < b ? b : a, modalities }));
  // Around both changes of the clocks of 2026, so that the property covers them.
  const origin = fc.constantFrom(at('2026-03-26T00:00:00Z'), at('2026-10-22T00:00:00Z'), at('2026-06-01T00:00:00Z'));
  const span = (min: number, max: number) =>
    fc
      .tuple(fc.integer({ min: 0, max: 7 * 96 }), fc.integer({ min, max }))
      .map(([q, len]) => ({ offset: q * 15 * MINUTE, length: len * MINUTE }));

  it('keeps the buffer between slots of two openings close together (a counterexample the property found)', () => {
    const start = at('2026-06-01T00:00:00Z');
    const availability: Availability = {
      timeZone: 'Europe/Paris',
      weekly: [{ weekday: 3, start: '13:00', end: '13:30', modalities: ['video'] }],
      // An extra opening that morning, ending at 12:42, eighteen minutes before the weekly one.
      exceptions: [{ kind: 'open', start: start + 184_500_000, end: start + 184_500_000 + 26_820_000 }],
      consultation: { modality: 'video', durationMinutes: 5, bufferMinutes: 21, minimumNoticeMinutes: 0, horizonDays: 3 },
    };
    const slots = nextSlots(availability, [], { start, end: start + 7 * DAY }, start);
    expect(slots.length).toBeGreaterThan(0);
    for (let i = 1; i < slots.length; i++) expect(slots[i]!.start).toBeGreaterThanOrEqual(slots[i - 1]!.end + 21 * MINUTE);
  });

  it('returns sorted slots, inside the availability and the window, overlapping no booking', () => {
    fc.assert(
      fc.property(
        origin,
        fc.constantFrom('Europe/Paris', 'America/Martinique', 'Indian/Reunion'),
        fc.array(opening, { maxLength: 6 }),
        fc.array(fc.record({ kind: fc.constantFrom('open' as const, 'closed' as const), span: span(15, 600) }), { maxLength: 3 }),
        fc.array(span(5, 120), { maxLength: 20 }),
        fc.record({
          modality: fc.constantFrom('video' as const, 'phone' as const, 'in-person' as const),
          durationMinutes: fc.integer({ min: 5, max: 120 }),
          bufferMinutes: fc.integer({ min: 0, max: 30 }),
          minimumNoticeMinutes: fc.integer({ min: 0, max: 3000 }),
          horizonDays: fc.integer({ min: 1, max: 10 }),
        }),
        fc.integer({ min: -2 * 24 * 60, max: 3 * 24 * 60 }),
        (start, timeZone, weeklyOpenings, exceptionSpans, bookingSpans, consultation, nowShift) => {
          const exceptions = exceptionSpans.map(({ kind, span: s }) => ({
            kind,
            start: start + s.offset,
            end: start + s.offset + s.length,
          }));
          const busy = bookingSpans.map((s) => ({ start: start + s.offset, end: start + s.offset + s.length }));
          const a: Availability = { timeZone, weekly: weeklyOpenings, exceptions, consultation };
          const window = { start, end: start + 7 * DAY };
          const now = start + nowShift * MINUTE;
          const slots = nextSlots(a, busy, window, now);
          const open = openIntervals(a, { start: window.start - DAY, end: window.end + DAY });
          const buffer = consultation.bufferMinutes * MINUTE;
          for (let i = 0; i < slots.length; i++) {
            const slot = slots[i]!;
            if (i > 0) expect(slot.start).toBeGreaterThanOrEqual(slots[i - 1]!.end + buffer);
            expect(slot.end - slot.start).toBe(consultation.durationMinutes * MINUTE);
            expect(slot.start).toBeGreaterThanOrEqual(Math.max(window.start, now + consultation.minimumNoticeMinutes * MINUTE));
            expect(slot.start).toBeLessThan(Math.min(window.end, now + consultation.horizonDays * DAY));
            expect(open.some((o) => o.start <= slot.start && slot.end <= o.end)).toBe(true);
            for (const closed of exceptions.filter((e) => e.kind === 'closed')) {
              expect(slot.end <= closed.start || slot.start >= closed.end).toBe(true);
            }
            for (const booking of busy)
              expect(slot.start + (slot.end - slot.start) + buffer <= booking.start || slot.start >= booking.end).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
