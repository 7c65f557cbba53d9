// The alert engine: which alerts are open for one patient at `now`, given their plan and their
// readings. Pure and order-free: readings are placed by their own effective time (late and
// out-of-order ones land where they belong), a retried reading (same identifier) counts once, and
// there is at most one alert per rule — the server updates the open alert of a rule, never adds a
// second. Readings after `now` are ignored (not yet true at `now`).
import type { CodeableConcept } from '@medplum/fhirtypes';
import type { Message } from '../triage/types.js';
import {
  ALERT_LEVELS,
  alertLevelRank,
  type AlertLevel,
  type AlertRule,
  type AlertRuleType,
  type ChangeRule,
  type MissingDataRule,
  type MonitoringPlan,
  type RateRule,
  type ReferenceRule,
  type ThresholdRule,
  type TimeInRangeRule,
} from './programmes.js';
import { lowerFirst, READING_DEFINITIONS, readingValue, type Reading, type ReadingKind } from './readings.js';

const HOUR = 3_600_000;

export type AlertDirection = 'high' | 'low';

export interface OpenAlert {
  /** The rule's id: the one key of an open alert for a patient. */
  ruleId: string;
  ruleType: AlertRuleType;
  /** Stable code a client matches on: the rule's id, or `reference-missing` when a reference is unset. */
  reason: string;
  level: AlertLevel;
  direction?: AlertDirection;
  /** The first and the last reading (or due time, for missing data) that hold the alert open. */
  since: string;
  lastEvidenceAt: string;
  /** Identifiers of the readings behind it, in time order (bounded). */
  evidence: string[];
  /** The figure the rule measured: the value, the change, the percent in range, the hours without data. */
  observed?: number;
  message: Message;
}

export interface EvaluationContext {
  /** Start of monitoring: missing data counts from here when nothing has come yet. */
  since?: Date;
}

const MAX_EVIDENCE = 20;

/** The readings as the engine sees them: one per identifier, in effective-time order, none after `now`. */
export function placeReadings(readings: readonly Reading[], now: Date): Reading[] {
  const byIdentifier = new Map<string, Reading>();
  for (const reading of readings) {
    if (reading.at > now.getTime()) continue;
    const known = byIdentifier.get(reading.identifier);
    // The same identifier twice is a retry; if the payloads differ, the choice must not depend on arrival order.
    if (!known || compareReadings(reading, known) < 0) byIdentifier.set(reading.identifier, reading);
  }
  return [...byIdentifier.values()].sort(compareReadings);
}

function compareReadings(a: Reading, b: Reading): number {
  if (a.at !== b.at) return a.at - b.at;
  if (a.identifier !== b.identifier) return a.identifier < b.identifier ? -1 : 1;
  const [ja, jb] = [JSON.stringify(a), JSON.stringify(b)];
  return ja < jb ? -1 : ja > jb ? 1 : 0;
}

/**
 * The open alerts of a patient at `now`: one per triggered rule, the most severe first. The
 * missing-data rule runs whatever its `enabled` says.
 */
export function evaluateAlerts(
  plan: MonitoringPlan,
  readings: readonly Reading[],
  now: Date,
  context: EvaluationContext = {},
): OpenAlert[] {
  const placed = placeReadings(readings, now);
  const byKind = new Map<ReadingKind, Reading[]>();
  for (const reading of placed) {
    const list = byKind.get(reading.kind) ?? [];
    list.push(reading);
    byKind.set(reading.kind, list);
  }
  const of = (kind: ReadingKind): Reading[] => byKind.get(kind) ?? [];
  const alerts: OpenAlert[] = [];
  for (const rule of plan.rules) {
    // The missing-data rule has `enabled: true` by type; a forged `false` is ignored all the same.
    if (!rule.enabled && (rule as AlertRule).type !== 'missingData') continue;
    const alert = evaluateRule(rule, plan, of, now.getTime(), context);
    if (alert) alerts.push(alert);
  }
  return alerts.sort(
    (a, b) => alertLevelRank(b.level) - alertLevelRank(a.level) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}

function evaluateRule(
  rule: AlertRule,
  plan: MonitoringPlan,
  of: (kind: ReadingKind) => Reading[],
  now: number,
  context: EvaluationContext,
): OpenAlert | undefined {
  switch (rule.type) {
    case 'threshold':
      return threshold(rule, recent(of(rule.reading), now, rule.lookbackHours));
    case 'change':
      return change(rule, of(rule.reading), now);
    case 'rate':
      return rate(rule, of(rule.reading), now);
    case 'timeInRange':
      return timeInRange(rule, recent(of(rule.reading), now, rule.overDays * 24));
    case 'reference':
      return reference(rule, plan, recent(of(rule.reading), now, rule.lookbackHours));
    case 'missingData':
      return missingData(rule, plan, of, now, context);
  }
}

function recent(readings: Reading[], now: number, hours: number): Reading[] {
  const from = now - hours * HOUR;
  return readings.filter((r) => r.at > from);
}

const iso = (at: number): string => new Date(at).toISOString();
const fr = (n: number): string => String(Math.round(n * 10) / 10).replace('.', ',');
const en = (n: number): string => String(Math.round(n * 10) / 10);
const signed = (n: number, format: (n: number) => string): string => (n >= 0 ? `+${format(n)}` : `−${format(-n)}`);
const evidenceOf = (readings: Reading[]): string[] => readings.slice(-MAX_EVIDENCE).map((r) => r.identifier);

function componentName(kind: ReadingKind, component: string | undefined): Message {
  if (component === 'systolic') return { fr: 'Pression systolique', en: 'Systolic pressure' };
  if (component === 'diastolic') return { fr: 'Pression diastolique', en: 'Diastolic pressure' };
  return READING_DEFINITIONS[kind].name;
}
const unitLabel = (kind: ReadingKind): string =>
  ({ 'mm[Hg]': 'mmHg', Cel: '°C', '{grade}': '' })[READING_DEFINITIONS[kind].unit] ?? READING_DEFINITIONS[kind].unit;

function threshold(rule: ThresholdRule, readings: Reading[]): OpenAlert | undefined {
  let worst: { reading: Reading; step: ThresholdRule['steps'][number]; value: number } | undefined;
  const breaching: Reading[] = [];
  for (const reading of readings) {
    let hit: { step: ThresholdRule['steps'][number]; value: number } | undefined;
    for (const step of rule.steps) {
      const value = readingValue(reading, step.component);
      if (value === undefined) continue;
      const breached = (step.below !== undefined && value < step.below) || (step.above !== undefined && value > step.above);
      if (breached && (!hit || alertLevelRank(step.level) > alertLevelRank(hit.step.level))) hit = { step, value };
    }
    if (!hit) continue;
    breaching.push(reading);
    if (!worst || alertLevelRank(hit.step.level) >= alertLevelRank(worst.step.level)) worst = { reading, ...hit };
  }
  if (!worst) return undefined;
  const { step, value } = worst;
  const low = step.below !== undefined && value < step.below;
  const bound = low ? step.below! : step.above!;
  const name = componentName(rule.reading, step.component);
  const unit = unitLabel(rule.reading);
  return {
    ruleId: rule.id,
    ruleType: rule.type,
    reason: rule.id,
    level: step.level,
    direction: low ? 'low' : 'high',
    since: iso(breaching[0]!.at),
    lastEvidenceAt: iso(breaching.at(-1)!.at),
    evidence: evidenceOf(breaching),
    observed: value,
    message: {
      fr: `${name.fr} à ${fr(value)} ${unit} : ${low ? 'sous' : 'au-dessus de'} ${fr(bound)} ${unit}.`.replace(/ +/g, ' '),
      en: `${name.en} at ${en(value)} ${unit}: ${low ? 'below' : 'above'} ${en(bound)} ${unit}.`.replace(/ +/g, ' '),
    },
  };
}

function change(rule: ChangeRule, readings: Reading[], now: number): OpenAlert | undefined {
  const from = now - rule.lookbackHours * HOUR;
  let best: { earlier: Reading; later: Reading; delta: number } | undefined;
  let first: Reading | undefined;
  let last: Reading | undefined;
  let start = 0;
  for (let i = 0; i < readings.length; i++) {
    const later = readings[i]!;
    while (readings[start]!.at < later.at - rule.withinHours * HOUR) start++;
    if (later.at <= from) continue;
    const v = readingValue(later, rule.component)!;
    let found: { earlier: Reading; delta: number } | undefined;
    for (let j = start; j < i; j++) {
      const earlier = readings[j]!;
      if (earlier.at === later.at) continue;
      const delta = v - readingValue(earlier, rule.component)!;
      const hits = (rule.rise !== undefined && delta >= rule.rise) || (rule.fall !== undefined && -delta >= rule.fall);
      if (hits && (!found || Math.abs(delta) > Math.abs(found.delta))) found = { earlier, delta };
    }
    if (!found) continue;
    first ??= later;
    last = later;
    if (!best || Math.abs(found.delta) >= Math.abs(best.delta)) best = { ...found, later };
  }
  if (!best || !first || !last) return undefined;
  const hours = (best.later.at - best.earlier.at) / HOUR;
  const name = componentName(rule.reading, rule.component);
  const unit = unitLabel(rule.reading);
  return {
    ruleId: rule.id,
    ruleType: rule.type,
    reason: rule.id,
    level: rule.level,
    direction: best.delta >= 0 ? 'high' : 'low',
    since: iso(first.at),
    lastEvidenceAt: iso(last.at),
    evidence: [best.earlier.identifier, best.later.identifier],
    observed: Math.round(best.delta * 1000) / 1000,
    message: {
      fr: `${name.fr} : ${signed(best.delta, fr)} ${unit} en ${fr(hours)} h (seuil ${rule.rise !== undefined ? `+${fr(rule.rise)}` : `−${fr(rule.fall!)}`} ${unit} en ${fr(rule.withinHours)} h).`,
      en: `${name.en}: ${signed(best.delta, en)} ${unit} in ${en(hours)} h (threshold ${rule.rise !== undefined ? `+${en(rule.rise)}` : `−${en(rule.fall!)}`} ${unit} in ${en(rule.withinHours)} h).`,
    },
  };
}

function rate(rule: RateRule, readings: Reading[], now: number): OpenAlert | undefined {
  const from = now - rule.lookbackHours * HOUR;
  let best: { earlier: Reading; later: Reading; perHour: number } | undefined;
  let first: Reading | undefined;
  let last: Reading | undefined;
  for (let i = 1; i < readings.length; i++) {
    const later = readings[i]!;
    if (later.at <= from) continue;
    // The nearest earlier reading at least minGap before: consecutive readings in time.
    let j = i - 1;
    while (j >= 0 && later.at - readings[j]!.at < rule.minGapMinutes * 60_000) j--;
    if (j < 0) continue;
    const earlier = readings[j]!;
    const perHour = (readingValue(later, rule.component)! - readingValue(earlier, rule.component)!) / ((later.at - earlier.at) / HOUR);
    const hits =
      (rule.risePerHour !== undefined && perHour >= rule.risePerHour) || (rule.fallPerHour !== undefined && -perHour >= rule.fallPerHour);
    if (!hits) continue;
    first ??= later;
    last = later;
    if (!best || Math.abs(perHour) >= Math.abs(best.perHour)) best = { earlier, later, perHour };
  }
  if (!best || !first || !last) return undefined;
  const name = componentName(rule.reading, rule.component);
  const unit = unitLabel(rule.reading);
  return {
    ruleId: rule.id,
    ruleType: rule.type,
    reason: rule.id,
    level: rule.level,
    direction: best.perHour >= 0 ? 'high' : 'low',
    since: iso(first.at),
    lastEvidenceAt: iso(last.at),
    evidence: [best.earlier.identifier, best.later.identifier],
    observed: Math.round(best.perHour * 1000) / 1000,
    message: {
      fr: `${name.fr} : variation de ${signed(best.perHour, fr)} ${unit} par heure.`,
      en: `${name.en}: changing by ${signed(best.perHour, en)} ${unit} per hour.`,
    },
  };
}

function timeInRange(rule: TimeInRangeRule, readings: Reading[]): OpenAlert | undefined {
  if (readings.length < rule.minReadings || readings.length === 0) return undefined;
  const inRange = readings.filter((r) => {
    const v = readingValue(r)!;
    return v >= rule.low && v <= rule.high;
  }).length;
  const percent = (inRange / readings.length) * 100;
  if (percent >= rule.minPercent) return undefined;
  const unit = unitLabel(rule.reading);
  return {
    ruleId: rule.id,
    ruleType: rule.type,
    reason: rule.id,
    level: rule.level,
    since: iso(readings[0]!.at),
    lastEvidenceAt: iso(readings.at(-1)!.at),
    evidence: evidenceOf(readings),
    observed: Math.round(percent * 10) / 10,
    message: {
      fr: `Temps dans la cible ${rule.low}–${rule.high} ${unit} : ${fr(percent)} % sur ${rule.overDays} jours (objectif ≥ ${rule.minPercent} %).`,
      en: `Time in range ${rule.low}–${rule.high} ${unit}: ${en(percent)} % over ${rule.overDays} days (target ≥ ${rule.minPercent} %).`,
    },
  };
}

function reference(rule: ReferenceRule, plan: MonitoringPlan, readings: Reading[]): OpenAlert | undefined {
  const ref = plan.parameters[rule.parameter];
  if (readings.length === 0) return undefined;
  if (ref === undefined) {
    return {
      ruleId: rule.id,
      ruleType: rule.type,
      reason: 'reference-missing',
      level: 'info',
      since: iso(readings[0]!.at),
      lastEvidenceAt: iso(readings.at(-1)!.at),
      evidence: [],
      message: {
        fr: 'Le poids sec du patient n’est pas renseigné : l’écart au poids sec ne peut pas être surveillé.',
        en: "The patient's dry weight is not set: the gap to dry weight cannot be monitored.",
      },
    };
  }
  const above = readings.filter((r) => readingValue(r)! - ref > rule.maxAbove);
  if (above.length === 0) return undefined;
  const worst = above.reduce((a, b) => (readingValue(b)! >= readingValue(a)! ? b : a));
  const gap = readingValue(worst)! - ref;
  return {
    ruleId: rule.id,
    ruleType: rule.type,
    reason: rule.id,
    level: rule.level,
    direction: 'high',
    since: iso(above[0]!.at),
    lastEvidenceAt: iso(above.at(-1)!.at),
    evidence: evidenceOf(above),
    observed: Math.round(gap * 1000) / 1000,
    message: {
      fr: `Poids à ${fr(readingValue(worst)!)} kg : ${fr(gap)} kg au-dessus du poids sec (${fr(ref)} kg ; seuil +${fr(rule.maxAbove)} kg).`,
      en: `Weight at ${en(readingValue(worst)!)} kg: ${en(gap)} kg above dry weight (${en(ref)} kg; threshold +${en(rule.maxAbove)} kg).`,
    },
  };
}

function missingData(
  rule: MissingDataRule,
  plan: MonitoringPlan,
  of: (kind: ReadingKind) => Reading[],
  now: number,
  context: EvaluationContext,
): OpenAlert | undefined {
  const since = context.since?.getTime();
  const late: { kind: ReadingKind; hours: number; last: number | undefined; level: AlertLevel }[] = [];
  for (const expected of plan.expected) {
    const last = of(expected.reading).at(-1)?.at;
    const from = last ?? since;
    // Nothing yet and no start given: nothing can be said to be late.
    if (from === undefined) continue;
    const hours = (now - from) / HOUR;
    const level: AlertLevel | undefined =
      hours >= rule.urgentAfterHours ? 'urgent' : hours >= rule.warningAfterHours ? 'warning' : undefined;
    if (level) late.push({ kind: expected.reading, hours, last, level });
  }
  if (late.length === 0) return undefined;
  const level = late.reduce<AlertLevel>((l, x) => (alertLevelRank(x.level) > alertLevelRank(l) ? x.level : l), ALERT_LEVELS[0]);
  const longest = Math.max(...late.map((x) => x.hours));
  const dueAt = Math.min(...late.map((x) => now - x.hours * HOUR + rule.warningAfterHours * HOUR));
  const names = (lang: 'fr' | 'en'): string => late.map((x) => lowerFirst(READING_DEFINITIONS[x.kind].name[lang])).join(', ');
  return {
    ruleId: rule.id,
    ruleType: rule.type,
    reason: rule.id,
    level,
    since: iso(dueAt),
    lastEvidenceAt: iso(now),
    evidence: [],
    observed: Math.round(longest * 10) / 10,
    message: {
      fr: `Données non transmises depuis ${Math.floor(longest)} h : ${names('fr')}.`,
      en: `No data received for ${Math.floor(longest)} h: ${names('en')}.`,
    },
  };
}

export const OBSERVATION_INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

const INTERPRETATIONS: Record<string, { code: string; display: string }> = {
  none: { code: 'N', display: 'Normal' },
  high: { code: 'H', display: 'High' },
  low: { code: 'L', display: 'Low' },
  abnormal: { code: 'A', display: 'Abnormal' },
  'urgent-high': { code: 'HH', display: 'Critical high' },
  'urgent-low': { code: 'LL', display: 'Critical low' },
  'urgent-abnormal': { code: 'AA', display: 'Critical abnormal' },
};

/**
 * The Observation.interpretation for an alert level (interop §3: the TLSV IG leaves it unbound; we
 * use v3-ObservationInterpretation): N without alert, H/L/A for info and warning, HH/LL/AA for urgent.
 */
export function interpretationFor(level: AlertLevel | undefined, direction?: AlertDirection): CodeableConcept {
  const key = level === undefined ? 'none' : `${level === 'urgent' ? 'urgent-' : ''}${direction ?? 'abnormal'}`;
  const { code, display } = INTERPRETATIONS[key]!;
  return { coding: [{ system: OBSERVATION_INTERPRETATION, code, display }] };
}

/**
 * The alert level a new reading carries: the highest of the alerts it is evidence for, evaluated
 * with the patient's earlier readings at the reading's own time. Missing data is not about a reading.
 */
export function interpretReading(
  plan: MonitoringPlan,
  reading: Reading,
  history: readonly Reading[] = [],
): { level?: AlertLevel; direction?: AlertDirection; interpretation: CodeableConcept } {
  const alerts = evaluateAlerts(plan, [...history, reading], new Date(reading.at)).filter(
    (alert) => alert.ruleType !== 'missingData' && alert.evidence.includes(reading.identifier),
  );
  const top = alerts[0];
  return top
    ? {
        level: top.level,
        ...(top.direction ? { direction: top.direction } : {}),
        interpretation: interpretationFor(top.level, top.direction),
      }
    : { interpretation: interpretationFor(undefined) };
}
