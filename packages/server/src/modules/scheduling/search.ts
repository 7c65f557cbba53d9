import { instantOfWallTime, nextSlots, wallTimeOf, type Availability, type Interval } from '@parcours/domain';
import type { z } from 'zod';
import type { Db } from '../../platform/database/database.js';
import { accountNames, practitionerProfiles } from '../accounts/service.js';
import { organisationNames, organisationSites } from '../organisations/service.js';
import { hhmm } from './availability.js';
import type { Offer, SlotQuery, SlotSearch } from './schemas.js';
import { busyTimes, exceptionsOf, openingsOf, slotSources, type searchableTypes, type SlotSource } from './store.js';

const DAY = 86_400_000;

type Candidate = Awaited<ReturnType<typeof searchableTypes>>[number];

/** The first instant of a day in France: search windows are whole days of Paris. */
export function startOfParisDay(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return instantOfWallTime({ year, month, day }, 0, 'Europe/Paris');
}

/**
 * The free slots of every matching consultation type, earliest first: availability read from the
 * schedules, minus the practitioners' live appointments, computed by the domain (no slot is stored).
 * The types, their availability and the first days' appointments come in one round trip.
 */
export async function searchSlots(db: Db, query: z.infer<typeof SlotQuery>, now: Date): Promise<z.infer<typeof SlotSearch>> {
  const from = query.from ? startOfParisDay(query.from) : startOfParisDay(wallTimeOf(now.getTime(), 'Europe/Paris').date);
  const window = { start: from, end: from + query.days * DAY };
  const first = firstPart(window);
  const sources = await slotSources(db, query, exceptionRange(window), busyRange(first));
  const found = await slotsOf(db, sources, window, first, now.getTime(), query.limit);
  const shown = [...new Set(found.map((s) => s.candidate))];
  // Practitioners share their hours (09:00, 09:20…): each instant is written out once.
  const written = new Map<number, string>();
  const iso = (instant: number) => {
    let text = written.get(instant);
    if (text === undefined) written.set(instant, (text = new Date(instant).toISOString()));
    return text;
  };
  return {
    offers: await describeOffers(db, shown),
    slots: found.map(({ candidate, slot }) => ({ typeId: candidate.type_id, start: iso(slot.start), end: iso(slot.end) })),
  };
}

/**
 * The days whose appointments are read with the availability: four, so that a search starting on a
 * Friday or a weekend still finds a page of slots in that one round trip (two left half the
 * searches of the bench reading again). The next parts, read only if needed, double each time.
 */
const FIRST_PART = 4 * DAY;
const firstPart = (window: Interval): Interval => ({ start: window.start, end: Math.min(window.start + FIRST_PART, window.end) });
// A day either side: openings are read in each schedule's zone, and a buffer may reach into the window.
const exceptionRange = (window: Interval) => ({ from: new Date(window.start - DAY), until: new Date(window.end + DAY) });
const busyRange = (part: Interval) => ({ from: new Date(part.start), until: new Date(part.end + DAY) });

/** The free slots of some consultation types in a window, earliest first, at most `limit`. */
export async function freeSlots(db: Db, candidates: readonly Candidate[], window: Interval, now: number, limit: number) {
  if (candidates.length === 0) return [];
  const scheduleIds = [...new Set(candidates.map((c) => c.schedule_id))];
  const practitionerIds = [...new Set(candidates.map((c) => c.practitioner_account_id))];
  const first = firstPart(window);
  const range = exceptionRange(window);
  const [openings, exceptions, busy] = await Promise.all([
    openingsOf(db, scheduleIds),
    exceptionsOf(db, scheduleIds, range),
    busyTimes(db, practitionerIds, busyRange(first)),
  ]);
  const openingsOfSchedule = groupBy(openings, (o) => o.schedule_id);
  const exceptionsOfSchedule = groupBy(exceptions, (e) => e.schedule_id);
  const busyOfPractitioner = groupBy(busy, (b) => b.practitioner_account_id);
  const sources = candidates.map((c): SlotSource => ({
    ...c,
    openings: (openingsOfSchedule.get(c.schedule_id) ?? []).map((o) => [o.weekday, o.starts, o.ends, o.modalities]),
    exceptions: (exceptionsOfSchedule.get(c.schedule_id) ?? []).map((e) => [
      e.kind,
      e.starts_at.getTime(),
      e.ends_at.getTime(),
      e.modalities,
    ]),
    busy: (busyOfPractitioner.get(c.practitioner_account_id) ?? []).map((b) => [b.start, b.end]),
  }));
  return slotsOf(db, sources, window, first, now, limit);
}

/** A source's availability, as the domain computes slots from it. */
function availabilityOfSource(source: SlotSource): Availability {
  return {
    timeZone: source.time_zone,
    weekly: source.openings.map(([weekday, start, end, modalities]) => ({ weekday, start: hhmm(start), end: hhmm(end), modalities })),
    exceptions: source.exceptions.map(([kind, start, end, modalities]) => ({ kind, start, end, modalities })),
    consultation: {
      modality: source.modality,
      durationMinutes: source.duration_minutes,
      bufferMinutes: source.buffer_minutes,
      minimumNoticeMinutes: source.minimum_notice_minutes,
      horizonDays: source.horizon_days,
    },
  };
}

/**
 * The slots of the sources in `window`, a few days at a time, every source at once, until `limit`
 * are found: the earliest are complete once their days are, and the appointments of the days after
 * need not be read. The sources hold the appointments of `first`, the first part.
 */
async function slotsOf(db: Db, sources: readonly SlotSource[], window: Interval, first: Interval, now: number, limit: number) {
  if (sources.length === 0) return [];
  const availabilities = sources.map(availabilityOfSource);
  const practitionerIds = [...new Set(sources.map((c) => c.practitioner_account_id))];
  // Sorted once per part: the domain's own sort of each day's list then finds it in order.
  const byStart = (a: Interval, b: Interval) => a.start - b.start;
  let busyOf = new Map<string, Interval[]>();
  for (const source of sources) {
    if (!busyOf.has(source.practitioner_account_id))
      busyOf.set(source.practitioner_account_id, source.busy.map(([start, end]) => ({ start, end })).sort(byStart));
  }
  const found: { candidate: Candidate; slot: Interval }[] = [];
  for (let part = first; part.start < window.end && found.length < limit;) {
    for (let day = part.start; day < part.end && found.length < limit; day += DAY) {
      const dayWindow = { start: day, end: Math.min(day + DAY, part.end) };
      sources.forEach((source, i) => {
        for (const slot of nextSlots(availabilities[i]!, busyOf.get(source.practitioner_account_id) ?? [], dayWindow, now)) {
          found.push({ candidate: source, slot });
        }
      });
    }
    const length = 2 * (part.end - part.start);
    part = { start: part.end, end: Math.min(part.end + length, window.end) };
    if (part.start >= window.end || found.length >= limit) break;
    busyOf = new Map();
    for (const b of await busyTimes(db, practitionerIds, busyRange(part))) {
      const list = busyOf.get(b.practitioner_account_id);
      if (list) list.push(b);
      else busyOf.set(b.practitioner_account_id, [b]);
    }
    for (const list of busyOf.values()) list.sort(byStart);
  }
  // Ties (many practitioners free at 09:00) are ordered by type id, compared as plain strings:
  // localeCompare would ask ICU thousands of times a search.
  found.sort(
    (a, b) =>
      a.slot.start - b.slot.start || (a.candidate.type_id < b.candidate.type_id ? -1 : a.candidate.type_id > b.candidate.type_id ? 1 : 0),
  );
  return found.slice(0, limit);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

async function describeOffers(db: Db, candidates: readonly Candidate[]): Promise<z.infer<typeof Offer>[]> {
  const practitionerIds = [...new Set(candidates.map((c) => c.practitioner_account_id))];
  const organisationIds = [...new Set(candidates.map((c) => c.organisation_id))];
  // Sites are read only for the organisations where a shown schedule has one (a video offer often has none).
  const withSites = [...new Set(candidates.filter((c) => c.site_id).map((c) => c.organisation_id))];
  const [names, organisations, profiles, sites] = await Promise.all([
    accountNames(db, practitionerIds),
    organisationNames(db, organisationIds),
    practitionerProfiles(db, practitionerIds),
    Promise.all(withSites.map((id) => organisationSites(db, id))).then((lists) => new Map(lists.flat().map((s) => [s.id, s]))),
  ]);
  return candidates.map((c) => {
    const profile = profiles.get(c.practitioner_account_id);
    const site = c.site_id ? sites.get(c.site_id) : undefined;
    return {
      typeId: c.type_id,
      scheduleId: c.schedule_id,
      practitioner: {
        id: c.practitioner_account_id,
        name: names.get(c.practitioner_account_id) ?? '',
        profession: profile?.profession ?? null,
        sector: profile?.sector ?? null,
        optam: profile?.optam ?? false,
      },
      organisation: { id: c.organisation_id, name: organisations.get(c.organisation_id) ?? '' },
      site: site ? { id: site.id, name: site.name, city: site.city } : null,
      modality: c.modality,
      specialty: c.specialty,
      durationMinutes: c.duration_minutes,
      feeCents: c.fee_cents,
      timeZone: c.time_zone,
      territory: c.territory,
    };
  });
}
