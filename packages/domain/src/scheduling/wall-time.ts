import { DateTime, IANAZone } from 'luxon';

/** A calendar day as a site's wall clock reads it. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The canonical name of an IANA time zone (`europe/paris` → `Europe/Paris`), or null when it is none. */
export function canonicalTimeZone(name: string): string | null {
  if (name.length === 0 || name.length > 64 || !IANAZone.isValidZone(name)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Whether `name` is an IANA time zone (Europe/Paris, America/Martinique, Indian/Reunion…). */
export function isTimeZone(name: string): boolean {
  return canonicalTimeZone(name) !== null;
}

/** `HH:MM` → minutes after midnight; `24:00` is the end of the day. Throws on anything else. */
export function minutesOfDay(time: string): number {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(time);
  if (!match || (match[1] === '24' && match[2] !== '00')) throw new RangeError(`Not a wall time: ${time}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/**
 * Offsets (minutes east of UTC) at the start and at the end of one local day. Equal on all but the
 * two days a year the clocks change: on those days every wall time goes through luxon, which knows
 * the missing and the repeated hour; on the others a wall time is plain arithmetic. Cached, since
 * a search asks about the same days for hundreds of practitioners.
 */
const dayOffsets = new Map<string, readonly [number, number]>();
/** luxon checks a zone given by name on every use; a zone object is checked once. */
const zones = new Map<string, IANAZone>();
const zoneOf = (name: string): IANAZone => {
  let zone = zones.get(name);
  if (!zone) zones.set(name, (zone = IANAZone.create(name)));
  return zone;
};
const DAY_OFFSETS_MAX = 100_000;

function offsetsOf(zone: string, date: LocalDate): readonly [number, number] {
  const key = `${zone}|${date.year}-${date.month}-${date.day}`;
  let offsets = dayOffsets.get(key);
  if (!offsets) {
    const start = DateTime.fromObject(date, { zone: zoneOf(zone) });
    const end = start.plus({ days: 1 });
    offsets = [start.offset, end.offset];
    if (dayOffsets.size >= DAY_OFFSETS_MAX) dayOffsets.clear();
    dayOffsets.set(key, offsets);
  }
  return offsets;
}

/**
 * The instant (epoch ms) at which the wall clock of `zone` shows `minutes` after midnight of `date`.
 * A wall time that does not exist (the hour skipped in spring) moves forward by the gap, as the
 * clocks do; one that happens twice (the hour repeated in autumn) is its second occurrence.
 * `minutes` may be 1440: the end of the day.
 */
export function instantOfWallTime(date: LocalDate, minutes: number, zone: string): number {
  const [before, after] = offsetsOf(zone, date);
  const utcMidnight = Date.UTC(date.year, date.month - 1, date.day);
  if (before === after) return utcMidnight + minutes * MINUTE - before * MINUTE;
  if (minutes === 1440)
    return DateTime.fromObject(date, { zone: zoneOf(zone) })
      .plus({ days: 1 })
      .toMillis();
  return DateTime.fromObject({ ...date, hour: Math.floor(minutes / 60), minute: minutes % 60 }, { zone: zoneOf(zone) }).toMillis();
}

/**
 * The offset of a zone at an instant. luxon asks Intl for it, which costs microseconds a call, and a
 * search asks for the same quarters of an hour again and again: an offset is cached for its quarter
 * of an hour when it is the same at both ends of it (clocks change on a quarter hour of UTC in every
 * zone since the 1970s; a quarter that holds a change is asked of luxon each time).
 */
const quarterOffsets = new Map<string, number | null>();
const QUARTER = 15 * MINUTE;

function offsetAt(zone: string, instant: number): number {
  const quarter = Math.floor(instant / QUARTER);
  const key = `${zone}|${quarter}`;
  let offset = quarterOffsets.get(key);
  if (offset === undefined) {
    const tz = zoneOf(zone);
    const first = tz.offset(quarter * QUARTER);
    offset = first === tz.offset((quarter + 1) * QUARTER - 1) ? first : null;
    if (quarterOffsets.size >= DAY_OFFSETS_MAX) quarterOffsets.clear();
    quarterOffsets.set(key, offset);
  }
  return offset ?? zoneOf(zone).offset(instant);
}

/** The local day (in `zone`) of an instant. */
export function localDateOf(instant: number, zone: string): LocalDate {
  const local = new Date(instant + offsetAt(zone, instant) * MINUTE);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

/** The day after `date` (the calendar's, whatever the clocks do). */
export function nextDate(date: LocalDate, days = 1): LocalDate {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY);
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

/** ISO weekday of a calendar day: 1 is Monday, 7 Sunday. */
export function isoWeekday(date: LocalDate): number {
  const day = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** `YYYY-MM-DD` of a local day. */
export function isoDateOf(date: LocalDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** What the wall clock of `zone` shows at an instant: `{ date: '2026-11-23', time: '10:30' }`. */
export function wallTimeOf(instant: number, zone: string): { date: string; time: string } {
  const local = DateTime.fromMillis(instant, { zone: zoneOf(zone) });
  return { date: local.toFormat('yyyy-MM-dd'), time: local.toFormat('HH:mm') };
}
