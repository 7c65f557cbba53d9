import { instantOfWallTime, isoWeekday, localDateOf, minutesOfDay, nextDate, type LocalDate } from './wall-time.js';

/** How a consultation happens. */
export const MODALITIES = ['video', 'phone', 'in-person'] as const;
export type Modality = (typeof MODALITIES)[number];

/** A span of time between two instants (epoch ms), start included, end excluded. */
export interface Interval {
  start: number;
  end: number;
}

/** One weekly opening, in the schedule's wall time: Monday (1) 09:00–12:00, video and phone. */
export interface WeeklyOpening {
  weekday: number;
  /** `HH:MM` */
  start: string;
  /** `HH:MM`, after `start`; `24:00` for midnight at the end of the day. */
  end: string;
  modalities: readonly Modality[];
}

/** An exception to the weekly pattern, as instants: closed (holiday, absence) or an extra opening. */
export interface AvailabilityException extends Interval {
  kind: 'closed' | 'open';
  /** For an extra opening: the modalities offered (none listed: all). */
  modalities?: readonly Modality[];
}

/** What one consultation type asks of a slot. */
export interface ConsultationRules {
  modality: Modality;
  durationMinutes: number;
  /** A break after each consultation, in which nothing else is booked. */
  bufferMinutes: number;
  /** Booked at least this long before it starts. */
  minimumNoticeMinutes: number;
  /** Booked at most this many days ahead. */
  horizonDays: number;
}

/** A practitioner's availability for one consultation type, in the wall time of `timeZone`. */
export interface Availability {
  timeZone: string;
  weekly: readonly WeeklyOpening[];
  exceptions: readonly AvailabilityException[];
  consultation: ConsultationRules;
}

/** A bookable slot: the consultation's start and end (the buffer after it is not part of it). */
export type Slot = Interval;

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * The free slots of one consultation type in `window`, earliest first: the weekly openings offering
 * its modality, plus the extra openings, minus the closures, cut into consecutive consultations
 * (duration, then buffer) from the start of each opening, keeping those whose consultation and buffer
 * overlap nothing `busy`, that start at least the minimum notice after `now` and at most the
 * horizon after it. Wall times are read in the availability's zone on each day: a change of the
 * clocks neither moves nor doubles a slot; an opening lasts the real time between its two wall times.
 * `busy`: the practitioner's live appointments with their buffers, in any order.
 */
export function nextSlots(
  availability: Availability,
  busy: readonly Interval[],
  window: Interval,
  now: number,
  options: { limit?: number } = {},
): Slot[] {
  const { consultation } = availability;
  const duration = consultation.durationMinutes * MINUTE;
  const buffer = consultation.bufferMinutes * MINUTE;
  const step = duration + buffer;
  const from = Math.max(window.start, now + consultation.minimumNoticeMinutes * MINUTE);
  const until = Math.min(window.end, now + consultation.horizonDays * DAY);
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  if (duration <= 0 || from >= until || limit <= 0) return [];

  const open = openIntervals(availability, { start: from, end: until + duration });
  const taken = [...busy].filter((b) => b.end > from).sort((a, b) => a.start - b.start);
  const slots: Slot[] = [];
  let next = 0; // first busy interval that may still overlap
  for (const interval of open) {
    for (let start = interval.start; start + duration <= interval.end && start < until; start += step) {
      if (start < from) continue;
      // The buffer follows every appointment, across openings too: two openings a few minutes apart
      // (an extra opening ending near a weekly one) must not offer slots closer than it.
      const previous = slots[slots.length - 1];
      if (previous && start < previous.end + buffer) continue;
      const blockedUntil = start + step;
      while (next < taken.length && taken[next]!.end <= start) next++;
      // Busy intervals are sorted by start only: any from `next` on that starts before the block ends may overlap.
      let free = true;
      for (let i = next; i < taken.length && taken[i]!.start < blockedUntil; i++) {
        if (taken[i]!.end > start) {
          free = false;
          break;
        }
      }
      if (!free) continue;
      slots.push({ start, end: start + duration });
      if (slots.length >= limit) return slots;
    }
  }
  return slots;
}

/**
 * The time open for the consultation's modality that meets `range`: weekly openings and extra
 * openings, minus closures, as sorted, disjoint intervals (overlapping openings merge).
 */
export function openIntervals(availability: Availability, range: Interval): Interval[] {
  const { timeZone, consultation } = availability;
  const offered = (modalities: readonly Modality[] | undefined) =>
    !modalities || modalities.length === 0 || modalities.includes(consultation.modality);
  const weekly = availability.weekly.filter((opening) => offered(opening.modalities));
  const intervals: Interval[] = [];
  // One local day either side: an opening late on the previous local day may reach into the range.
  let date: LocalDate = nextDate(localDateOf(range.start, timeZone), -1);
  const lastDate = localDateOf(range.end, timeZone);
  for (let guard = 0; guard < 800 && compareDates(date, lastDate) <= 0; guard++, date = nextDate(date)) {
    const weekday = isoWeekday(date);
    for (const opening of weekly) {
      if (opening.weekday !== weekday) continue;
      const start = instantOfWallTime(date, minutesOfDay(opening.start), timeZone);
      const end = instantOfWallTime(date, minutesOfDay(opening.end), timeZone);
      if (end > start) intervals.push({ start, end });
    }
  }
  for (const exception of availability.exceptions) {
    if (exception.kind === 'open' && offered(exception.modalities)) intervals.push({ start: exception.start, end: exception.end });
  }
  const closed = availability.exceptions.filter((e) => e.kind === 'closed');
  // Not clipped to the range: slots are counted from the start of each opening, wherever the range begins.
  return subtract(merge(intervals), merge(closed.map(({ start, end }) => ({ start, end })))).filter(
    (i) => i.end > range.start && i.start < range.end,
  );
}

/** Sorted, disjoint intervals covering the same time as `intervals`. */
export function merge(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}

/** `from` minus `holes`, both sorted and disjoint. */
function subtract(from: readonly Interval[], holes: readonly Interval[]): Interval[] {
  const result: Interval[] = [];
  for (const interval of from) {
    let start = interval.start;
    for (const hole of holes) {
      if (hole.end <= start || hole.start >= interval.end) continue;
      if (hole.start > start) result.push({ start, end: hole.start });
      start = Math.max(start, hole.end);
    }
    if (start < interval.end) result.push({ start, end: interval.end });
  }
  return result;
}

function compareDates(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** Whether a consultation may start at `start`: a slot of the availability, busy or not. */
export function isOffered(availability: Availability, start: number, now: number): boolean {
  const [slot] = nextSlots(availability, [], { start, end: start + 1 }, now, { limit: 1 });
  return slot?.start === start;
}
