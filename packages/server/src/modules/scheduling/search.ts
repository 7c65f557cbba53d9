import { instantOfWallTime, nextSlots, wallTimeOf, type Interval } from '@parcours/domain';
import type { z } from 'zod';
import type { Db } from '../../platform/database/database.js';
import { accountNames, practitionerProfiles } from '../accounts/service.js';
import { organisationNames, organisationSites } from '../organisations/service.js';
import { availabilityOf } from './availability.js';
import type { Offer, SlotQuery, SlotSearch } from './schemas.js';
import { busyTimes, exceptionsOf, openingsOf, searchableTypes } from './store.js';

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
 */
export async function searchSlots(db: Db, query: z.infer<typeof SlotQuery>, now: Date): Promise<z.infer<typeof SlotSearch>> {
  const from = query.from ? startOfParisDay(query.from) : startOfParisDay(wallTimeOf(now.getTime(), 'Europe/Paris').date);
  const window = { start: from, end: from + query.days * DAY };
  const candidates = await searchableTypes(db, query);
  const found = await freeSlots(db, candidates, window, now.getTime(), query.limit);
  const shown = [...new Set(found.map((s) => s.candidate))];
  return {
    offers: await describeOffers(db, shown),
    slots: found.map(({ candidate, slot }) => ({ typeId: candidate.type_id, ...iso(slot) })),
  };
}

const iso = (slot: Interval) => ({ start: new Date(slot.start).toISOString(), end: new Date(slot.end).toISOString() });

/** The free slots of some consultation types in a window, earliest first, at most `limit`. */
export async function freeSlots(db: Db, candidates: readonly Candidate[], window: Interval, now: number, limit: number) {
  if (candidates.length === 0) return [];
  const scheduleIds = [...new Set(candidates.map((c) => c.schedule_id))];
  const practitionerIds = [...new Set(candidates.map((c) => c.practitioner_account_id))];
  // A day either side: openings are read in each schedule's zone, and a buffer may reach into the window.
  const busyIn = (part: Interval) => busyTimes(db, practitionerIds, { from: new Date(part.start), until: new Date(part.end + DAY) });
  let chunk = 2 * DAY;
  // The first days' appointments are read with the availability, in one round trip.
  const [openings, exceptions, firstBusy] = await Promise.all([
    openingsOf(db, scheduleIds),
    exceptionsOf(db, scheduleIds, { from: new Date(window.start - DAY), until: new Date(window.end + DAY) }),
    busyIn({ start: window.start, end: Math.min(window.start + chunk, window.end) }),
  ]);
  const openingsOfSchedule = groupBy(openings, (o) => o.schedule_id);
  const exceptionsOfSchedule = groupBy(exceptions, (e) => e.schedule_id);
  const availabilities = candidates.map((candidate) =>
    availabilityOf(
      { time_zone: candidate.time_zone },
      openingsOfSchedule.get(candidate.schedule_id) ?? [],
      exceptionsOfSchedule.get(candidate.schedule_id) ?? [],
      candidate,
    ),
  );
  // A few days at a time, every candidate at once, until `limit` slots are found: the earliest are
  // complete once their days are, and the appointments of the days after need not be read.
  const found: { candidate: Candidate; slot: Interval }[] = [];
  for (let from = window.start; from < window.end && found.length < limit; from += chunk, chunk *= 2) {
    const part = { start: from, end: Math.min(from + chunk, window.end) };
    const busyOf = new Map<string, Interval[]>();
    for (const b of from === window.start ? firstBusy : await busyIn(part)) {
      const list = busyOf.get(b.practitioner_account_id);
      if (list) list.push(b);
      else busyOf.set(b.practitioner_account_id, [b]);
    }
    for (let day = part.start; day < part.end && found.length < limit; day += DAY) {
      const dayWindow = { start: day, end: Math.min(day + DAY, part.end) };
      candidates.forEach((candidate, i) => {
        for (const slot of nextSlots(availabilities[i]!, busyOf.get(candidate.practitioner_account_id) ?? [], dayWindow, now)) {
          found.push({ candidate, slot });
        }
      });
    }
  }
  found.sort((a, b) => a.slot.start - b.slot.start || a.candidate.type_id.localeCompare(b.candidate.type_id));
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
  const [names, organisations, profiles, sites] = await Promise.all([
    accountNames(db, practitionerIds),
    organisationNames(db, organisationIds),
    practitionerProfiles(db, practitionerIds),
    Promise.all(organisationIds.map((id) => organisationSites(db, id))).then((lists) => new Map(lists.flat().map((s) => [s.id, s]))),
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
