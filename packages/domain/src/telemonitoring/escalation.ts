// Escalation: an open alert nobody acknowledged in time goes to the next person on the operator's
// list. The delay depends on the level; it counts from when the alert reached that level, and a
// snooze in force holds it (a snooze never outlives urgent evidence: see snooze.ts).
import type { OpenAlert } from './alerts.js';
import type { AlertLevel } from './programmes.js';
import { isSnoozed, type Snooze } from './snooze.js';

/** Minutes to acknowledge before escalation; info alerts wait for the next review and never escalate. */
export const ACKNOWLEDGE_WITHIN_MINUTES: Readonly<Record<AlertLevel, number | undefined>> = {
  info: undefined,
  warning: 24 * 60,
  urgent: 60,
};

export interface AlertState {
  /** When the alert reached its current level (the server keeps it with the open alert). */
  levelSince: Date;
  acknowledgedAt?: Date;
  snooze?: Snooze;
}

/** When the alert must escalate if still unacknowledged; undefined for info alerts. */
export function escalationDueAt(level: AlertLevel, levelSince: Date): Date | undefined {
  const minutes = ACKNOWLEDGE_WITHIN_MINUTES[level];
  return minutes === undefined ? undefined : new Date(levelSince.getTime() + minutes * 60_000);
}

/** Whether the alert escalates at `now`: unacknowledged since it reached its level, past the delay, not snoozed. */
export function isEscalationDue(alert: OpenAlert, state: AlertState, now: Date): boolean {
  const due = escalationDueAt(alert.level, state.levelSince);
  if (!due || now < due) return false;
  if (state.acknowledgedAt && state.acknowledgedAt >= state.levelSince) return false;
  if (state.snooze && isSnoozed(state.snooze, alert, now)) return false;
  return true;
}
