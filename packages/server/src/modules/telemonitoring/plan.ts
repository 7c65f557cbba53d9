// A patient's monitoring plan from their enrolment: the programme's default rules with the
// operator's adjustments, and what the plan needs to be evaluated (which kinds, how far back).
import {
  applyOverrides,
  defaultPlan,
  PROGRAMMES,
  type AlertLevel,
  type AlertRule,
  type MonitoringPlan,
  type PatientOverrides,
  type ReadingKind,
} from '@parcours/domain';
import type { EnrolmentRow } from './store.js';

/** The enrolment's plan; overrides are checked when set, so stored ones apply (defaults if they no longer do). */
export function planOf(enrolment: Pick<EnrolmentRow, 'programme' | 'overrides'>): MonitoringPlan {
  const applied = applyOverrides(PROGRAMMES[enrolment.programme], (enrolment.overrides ?? {}) as PatientOverrides);
  return applied.ok ? applied.plan : defaultPlan(enrolment.programme);
}

/** Every kind the plan expects or a rule reads. */
export function kindsOf(plan: MonitoringPlan): ReadingKind[] {
  const kinds = new Set<ReadingKind>(plan.expected.map((e) => e.reading));
  for (const rule of plan.rules) if ('reading' in rule) kinds.add(rule.reading);
  return [...kinds];
}

/** How far back the rules look, in hours: readings older than this change no alert (but the latest of each kind). */
export function windowHours(plan: MonitoringPlan): number {
  return Math.max(
    24,
    ...plan.rules.map((rule) => {
      switch (rule.type) {
        case 'change':
          return rule.lookbackHours + rule.withinHours;
        case 'rate':
          return rule.lookbackHours + rule.minGapMinutes / 60 + 24;
        case 'timeInRange':
          return rule.overDays * 24;
        case 'threshold':
        case 'reference':
          return rule.lookbackHours;
        case 'missingData':
          return 0;
      }
    }),
  );
}

export interface RuleView {
  id: string;
  type: AlertRule['type'];
  enabled: boolean;
  reading: ReadingKind | null;
  level: AlertLevel | null;
  lines: { value: number; level: AlertLevel; component: string | null }[];
  settings: Record<string, unknown>;
}

/** A rule for the screens: its settings, and the lines a chart draws for it. */
export function ruleView(rule: AlertRule, plan: MonitoringPlan): RuleView {
  const lines: RuleView['lines'] = [];
  if (rule.type === 'threshold')
    for (const step of rule.steps) {
      for (const value of [step.below, step.above])
        if (value !== undefined) lines.push({ value, level: step.level, component: step.component ?? null });
    }
  if (rule.type === 'timeInRange')
    lines.push({ value: rule.low, level: rule.level, component: null }, { value: rule.high, level: rule.level, component: null });
  if (rule.type === 'reference') {
    const reference = plan.parameters[rule.parameter];
    if (reference !== undefined) lines.push({ value: reference + rule.maxAbove, level: rule.level, component: null });
  }
  const { id, type, enabled, ...settings } = rule as AlertRule & Record<string, unknown>;
  return {
    id,
    type,
    enabled: type === 'missingData' ? true : enabled,
    reading: 'reading' in rule ? rule.reading : null,
    level: 'level' in rule ? rule.level : null,
    lines,
    settings,
  };
}
