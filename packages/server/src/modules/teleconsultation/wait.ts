const MINUTE = 60_000;

/** A visit as the estimate sees it: its slot, its place in the queue, its state. */
export interface QueuedVisit {
  appointmentId: string;
  startsAt: number;
  endsAt: number;
  checkedInAt: number;
  state: 'waiting' | 'postponed' | 'admitted';
  postponedUntil: number | null;
}

/**
 * An approximate wait, in minutes, for one visit of a practitioner's waiting room: not before its
 * slot nor before the time the practitioner postponed it to, and after the visits ahead of it —
 * the one in progress until its slot's end (five minutes more when it overruns), each waiting one
 * for its slot's length. An estimate for the patient's patience, not a promise.
 */
export function estimatedWaitMinutes(visit: QueuedVisit, queue: readonly QueuedVisit[], now: number): number {
  const ahead = queue.filter(
    (other) =>
      other.appointmentId !== visit.appointmentId &&
      (other.state === 'admitted' ||
        other.startsAt < visit.startsAt ||
        (other.startsAt === visit.startsAt && other.checkedInAt < visit.checkedInAt)),
  );
  let freeAt = now;
  for (const other of ahead.filter((o) => o.state === 'admitted')) freeAt = Math.max(freeAt, other.endsAt, now + 5 * MINUTE);
  for (const other of ahead.filter((o) => o.state !== 'admitted')) {
    freeAt = Math.max(freeAt, other.startsAt, other.postponedUntil ?? 0) + (other.endsAt - other.startsAt);
  }
  const start = Math.max(freeAt, visit.startsAt, visit.postponedUntil ?? 0);
  return Math.max(0, Math.ceil((start - now) / MINUTE));
}
