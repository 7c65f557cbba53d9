// Snoozing an open alert, Nightscout-style: a ladder of durations per level, and a snooze that never
// outlives new urgent evidence — a fresh urgent reading, or the alert climbing a level, wakes it.
import { alertLevelRank, type AlertLevel } from './programmes.js';
import type { OpenAlert } from './alerts.js';
import type { Message } from '../triage/types.js';

/** Minutes an operator may snooze an alert for, by its level: shorter the more urgent. */
export const SNOOZE_LADDERS: Readonly<Record<AlertLevel, readonly number[]>> = {
  info: [60, 240, 1440, 4320],
  warning: [30, 60, 120, 240, 1440],
  urgent: [15, 30, 60],
};

export interface Snooze {
  ruleId: string;
  /** When it was snoozed, and until when at most. */
  at: string;
  until: string;
  /** The alert's level and last evidence when snoozed: anything newer and urgent wakes it. */
  level: AlertLevel;
  lastEvidenceAt: string;
}

export type SnoozeResult = { ok: true; snooze: Snooze } | { ok: false; code: 'not-on-ladder'; message: Message };

/** Snoozes an alert for one of its ladder's durations. */
export function snoozeAlert(alert: OpenAlert, minutes: number, now: Date): SnoozeResult {
  const ladder = SNOOZE_LADDERS[alert.level];
  if (!ladder.includes(minutes)) {
    return {
      ok: false,
      code: 'not-on-ladder',
      message: {
        fr: `Une alerte de ce niveau se reporte de ${ladder.join(', ')} minutes seulement.`,
        en: `An alert of this level can be snoozed for ${ladder.join(', ')} minutes only.`,
      },
    };
  }
  return {
    ok: true,
    snooze: {
      ruleId: alert.ruleId,
      at: now.toISOString(),
      until: new Date(now.getTime() + minutes * 60_000).toISOString(),
      level: alert.level,
      lastEvidenceAt: alert.lastEvidenceAt,
    },
  };
}

/** The next longer step of the ladder after `minutes` (the one a repeated snooze offers), if any. */
export function nextSnoozeStep(level: AlertLevel, minutes?: number): number | undefined {
  const ladder = SNOOZE_LADDERS[level];
  return minutes === undefined ? ladder[0] : ladder.find((step) => step > minutes);
}

/**
 * Whether the alert stays silent at `now`: before `until`, and no urgent evidence newer than the
 * snooze (an urgent reading after it, or the alert now urgent when it was not).
 */
export function isSnoozed(snooze: Snooze, alert: OpenAlert | undefined, now: Date): boolean {
  if (!alert || alert.ruleId !== snooze.ruleId) return false;
  if (now.getTime() >= Date.parse(snooze.until)) return false;
  if (alertLevelRank(alert.level) > alertLevelRank(snooze.level)) return false;
  if (alert.level === 'urgent' && Date.parse(alert.lastEvidenceAt) > Date.parse(snooze.lastEvidenceAt) && alert.ruleType !== 'missingData')
    return false;
  return true;
}
