// The six telemonitoring programmes (factsheet §4.2) as data: what is collected (§4.6), how often,
// and the default alert rules of issue 15, which the operator adjusts per patient. The
// non-transmission alert cannot be switched off (LATM referentials, arrêtés of 22 Jun 2023).
import type { Indication } from '../rules/types.js';
import type { Message } from '../triage/types.js';
import type { ReadingKind } from './readings.js';

/** info: worth a look; warning: to review today; urgent: to act on now (still not an emergency service). */
export const ALERT_LEVELS = ['info', 'warning', 'urgent'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];
export const alertLevelRank = (level: AlertLevel): number => ALERT_LEVELS.indexOf(level);

export type ReadingComponent = 'value' | 'systolic' | 'diastolic';

/** One step of a threshold: `below` is strictly under, `above` strictly over. */
export interface ThresholdStep {
  level: AlertLevel;
  component?: ReadingComponent;
  below?: number;
  above?: number;
}

interface RuleBase {
  id: string;
  enabled: boolean;
}

/** Any reading in the last `lookbackHours` breaching a step (the highest step wins). */
export interface ThresholdRule extends RuleBase {
  type: 'threshold';
  reading: ReadingKind;
  steps: ThresholdStep[];
  lookbackHours: number;
}

/** A rise (or fall) of at least `rise` (or `fall`) between two readings at most `withinHours` apart. */
export interface ChangeRule extends RuleBase {
  type: 'change';
  reading: ReadingKind;
  component?: ReadingComponent;
  withinHours: number;
  rise?: number;
  fall?: number;
  level: AlertLevel;
  /** Only a change ending in this window before now counts. */
  lookbackHours: number;
}

/** Speed of change between consecutive readings, per hour (a fast fall of glucose…). */
export interface RateRule extends RuleBase {
  type: 'rate';
  reading: ReadingKind;
  component?: ReadingComponent;
  risePerHour?: number;
  fallPerHour?: number;
  /** Pairs closer than this are not compared (noise). */
  minGapMinutes: number;
  level: AlertLevel;
  lookbackHours: number;
}

/** The share of readings within [low, high] over `overDays`, alerting under `minPercent`. */
export interface TimeInRangeRule extends RuleBase {
  type: 'timeInRange';
  reading: ReadingKind;
  low: number;
  high: number;
  minPercent: number;
  overDays: number;
  /** Fewer readings than this say nothing (the missing-data rule speaks instead). */
  minReadings: number;
  level: AlertLevel;
}

/** A reading above a per-patient reference (dry weight) by more than `maxAbove`. */
export interface ReferenceRule extends RuleBase {
  type: 'reference';
  reading: ReadingKind;
  /** The patient parameter holding the reference. */
  parameter: 'dryWeightKg';
  maxAbove: number;
  level: AlertLevel;
  lookbackHours: number;
}

/** No reading of an expected kind for too long, measured from the cadence. Always on. */
export interface MissingDataRule extends RuleBase {
  type: 'missingData';
  enabled: true;
  warningAfterHours: number;
  urgentAfterHours: number;
}

export type AlertRule = ThresholdRule | ChangeRule | RateRule | TimeInRangeRule | ReferenceRule | MissingDataRule;
export type AlertRuleType = AlertRule['type'];

export interface ExpectedData {
  reading: ReadingKind;
  /** A reading of this kind is expected at least this often. */
  everyHours: number;
}

export interface Programme {
  indication: Indication;
  name: Message;
  /** Who it is for (factsheet §4.2). */
  eligibility: Message;
  /** Collected data (§4.6) the platform receives as readings. */
  expected: ExpectedData[];
  /** Data the referential lists that arrives outside readings (reports, lab results, device platforms). */
  otherData: Message[];
  rules: AlertRule[];
}

/** Per-patient settings that are not a rule (a reference some rules compare with). */
export interface PatientParameters {
  dryWeightKg?: number;
}

/** A programme as applied to one patient: its rules after the operator's adjustments. */
export interface MonitoringPlan extends Programme {
  parameters: PatientParameters;
}

const DAILY = 24;
const missingData = (everyHours: number): MissingDataRule => ({
  id: 'missing-data',
  type: 'missingData',
  enabled: true,
  // A day's grace after the expected reading, then a second level a day later.
  warningAfterHours: everyHours + 12,
  urgentAfterHours: everyHours * 2 + 24,
});

export const PROGRAMMES: Readonly<Record<Indication, Programme>> = {
  'heart-failure': {
    indication: 'heart-failure',
    name: { fr: 'Insuffisance cardiaque', en: 'Heart failure' },
    eligibility: { fr: 'Patient insuffisant cardiaque.', en: 'Patient with heart failure.' },
    // §4.6: weight collected daily.
    expected: [{ reading: 'bodyWeight', everyHours: DAILY }],
    otherData: [],
    rules: [
      // Early decompensation: a gain of about 2–3 kg in 2 days (Assurance Maladie guidance, §4.6).
      {
        id: 'weight-gain',
        type: 'change',
        enabled: true,
        reading: 'bodyWeight',
        withinHours: 48,
        rise: 2,
        level: 'urgent',
        lookbackHours: 48,
      },
      missingData(DAILY),
    ],
  },
  'renal-failure': {
    indication: 'renal-failure',
    name: { fr: 'Insuffisance rénale', en: 'Renal failure' },
    eligibility: { fr: 'Dialyse, greffe rénale ou MRC stade 4–5.', en: 'Dialysis, kidney transplant or CKD stage 4–5.' },
    expected: [
      { reading: 'bodyWeight', everyHours: DAILY },
      { reading: 'bloodPressure', everyHours: DAILY },
      { reading: 'heartRate', everyHours: DAILY },
    ],
    otherData: [
      { fr: 'Ultrafiltration (dialyse)', en: 'Ultrafiltration (dialysis)' },
      {
        fr: 'Créatinine, taux d’immunosuppresseurs, albuminurie (greffe)',
        en: 'Creatinine, immunosuppressant levels, albuminuria (transplant)',
      },
    ],
    rules: [
      // Interdialytic gain above dry weight; the dry weight is set per patient.
      {
        id: 'weight-above-dry-weight',
        type: 'reference',
        enabled: true,
        reading: 'bodyWeight',
        parameter: 'dryWeightKg',
        maxAbove: 2,
        level: 'warning',
        lookbackHours: 48,
      },
      {
        id: 'blood-pressure-high',
        type: 'threshold',
        enabled: true,
        reading: 'bloodPressure',
        steps: [
          { level: 'warning', component: 'systolic', above: 160 },
          { level: 'warning', component: 'diastolic', above: 100 },
          { level: 'urgent', component: 'systolic', above: 180 },
          { level: 'urgent', component: 'diastolic', above: 110 },
        ],
        lookbackHours: 48,
      },
      {
        id: 'blood-pressure-low',
        type: 'threshold',
        enabled: true,
        reading: 'bloodPressure',
        steps: [{ level: 'warning', component: 'systolic', below: 90 }],
        lookbackHours: 48,
      },
      missingData(DAILY),
    ],
  },
  'respiratory-failure': {
    indication: 'respiratory-failure',
    name: { fr: 'Insuffisance respiratoire', en: 'Respiratory failure' },
    eligibility: {
      fr: 'Adulte en ALD 14, sous ventilation non invasive et/ou oxygène.',
      en: 'Adult with ALD 14, on non-invasive ventilation and/or oxygen.',
    },
    // §4.6, oxygen: hours of use per 24 h and SpO₂, transmitted daily.
    expected: [
      { reading: 'spo2', everyHours: DAILY },
      { reading: 'oxygenUseHours', everyHours: DAILY },
    ],
    otherData: [
      {
        fr: 'Débit d’O₂ ; VNI : heures d’utilisation, fréquence respiratoire moyenne, fuites',
        en: 'O₂ flow; NIV: hours of use, mean respiratory rate, leaks',
      },
    ],
    rules: [
      // < 90 % is the common clinical red flag (factsheet §4.6: no regulatory threshold).
      { id: 'spo2-low', type: 'threshold', enabled: true, reading: 'spo2', steps: [{ level: 'urgent', below: 90 }], lookbackHours: 24 },
      // Long-term oxygen therapy is prescribed at least 15 h a day.
      {
        id: 'oxygen-use-low',
        type: 'threshold',
        enabled: true,
        reading: 'oxygenUseHours',
        steps: [{ level: 'warning', below: 15 }],
        lookbackHours: 48,
      },
      missingData(DAILY),
    ],
  },
  diabetes: {
    indication: 'diabetes',
    name: { fr: 'Diabète', en: 'Diabetes' },
    eligibility: {
      fr: 'Diabète de type 1 ou 2 sous insuline, ou gestationnel.',
      en: 'Type 1 or 2 diabetes on insulin, or gestational diabetes.',
    },
    expected: [{ reading: 'glucose', everyHours: DAILY }],
    otherData: [],
    rules: [
      {
        id: 'glucose-low',
        type: 'threshold',
        enabled: true,
        reading: 'glucose',
        steps: [{ level: 'urgent', below: 70 }],
        lookbackHours: 24,
      },
      {
        id: 'glucose-high',
        type: 'threshold',
        enabled: true,
        reading: 'glucose',
        steps: [{ level: 'warning', above: 250 }],
        lookbackHours: 24,
      },
      // International consensus: time in range 70–180 mg/dL over 70 % (50 % for the elderly or frail).
      {
        id: 'time-in-range-low',
        type: 'timeInRange',
        enabled: true,
        reading: 'glucose',
        low: 70,
        high: 180,
        minPercent: 70,
        overDays: 14,
        minReadings: 14,
        level: 'warning',
      },
      missingData(DAILY),
    ],
  },
  'cardiac-implant': {
    indication: 'cardiac-implant',
    name: { fr: 'Prothèses cardiaques implantables', en: 'Implantable cardiac devices' },
    eligibility: {
      fr: 'Porteur d’un défibrillateur ou stimulateur avec fonction de télésurveillance.',
      en: 'Patient with a defibrillator or pacemaker with a remote function.',
    },
    // The implant transmits through its manufacturer's platform, at least weekly.
    expected: [{ reading: 'heartRate', everyHours: 7 * DAILY }],
    otherData: [
      {
        fr: 'Événements rythmiques, batterie et sondes (plateforme du fabricant)',
        en: 'Rhythm events, battery and leads (manufacturer platform)',
      },
    ],
    rules: [missingData(7 * DAILY)],
  },
  oncology: {
    indication: 'oncology',
    name: { fr: 'Oncologie', en: 'Oncology' },
    eligibility: { fr: 'Adulte sous traitement systémique.', en: 'Adult on systemic therapy.' },
    // The symptom questionnaire (oncology.ts), scored into a grade (0–3), answered at least weekly.
    expected: [{ reading: 'symptomGrade', everyHours: 7 * DAILY }],
    otherData: [],
    rules: [
      // Grade 1 worth a look, 2 to review today, 3 (fever under treatment…) to act on now.
      {
        id: 'symptom-grade-high',
        type: 'threshold',
        enabled: true,
        reading: 'symptomGrade',
        steps: [
          { level: 'info', above: 0 },
          { level: 'warning', above: 1 },
          { level: 'urgent', above: 2 },
        ],
        lookbackHours: 7 * DAILY,
      },
      missingData(7 * DAILY),
    ],
  },
};

/** How an operator adjusts one rule for one patient: only the numbers it already has, and `enabled`. */
export type RuleOverride = { enabled?: boolean } & Partial<
  Record<
    | 'lookbackHours'
    | 'withinHours'
    | 'rise'
    | 'fall'
    | 'risePerHour'
    | 'fallPerHour'
    | 'low'
    | 'high'
    | 'minPercent'
    | 'overDays'
    | 'minReadings'
    | 'maxAbove'
    | 'warningAfterHours'
    | 'urgentAfterHours',
    number
  >
> & { level?: AlertLevel; steps?: ThresholdStep[] };

export interface PatientOverrides {
  rules?: Record<string, RuleOverride>;
  parameters?: PatientParameters;
}

export interface OverrideIssue {
  path: string;
  code: 'unknown-rule' | 'cannot-disable' | 'unknown-setting' | 'invalid-value';
  message: Message;
}

export type PlanResult = { ok: true; plan: MonitoringPlan } | { ok: false; issues: OverrideIssue[] };

/** Missing data must alert within a week and a half of the cadence at most: it cannot be muted by delay. */
export const MISSING_DATA_MAX_HOURS = 8 * DAILY + 36;

/**
 * Applies a patient's overrides to a programme. Refuses (and names) any attempt to switch off or
 * postpone indefinitely the missing-data rule, unknown rules and settings a rule does not have.
 */
export function applyOverrides(programme: Programme, overrides: PatientOverrides = {}): PlanResult {
  const issues: OverrideIssue[] = [];
  const rules = programme.rules.map((rule) => ({ ...rule }) as AlertRule);
  for (const [id, override] of Object.entries(overrides.rules ?? {})) {
    const at = `rules.${id}`;
    const index = rules.findIndex((rule) => rule.id === id);
    if (index < 0) {
      issues.push({
        path: at,
        code: 'unknown-rule',
        message: { fr: `« ${id} » n’est pas une règle de ce programme.`, en: `"${id}" is not a rule of this programme.` },
      });
      continue;
    }
    const rule = rules[index]!;
    if (rule.type === 'missingData' && override.enabled === false) {
      issues.push({
        path: `${at}.enabled`,
        code: 'cannot-disable',
        message: {
          fr: 'L’alerte de non-transmission des données ne peut pas être désactivée (référentiel LATM).',
          en: 'The missing-data alert cannot be switched off (LATM referential).',
        },
      });
      continue;
    }
    const updated: Record<string, unknown> = { ...rule };
    for (const [key, value] of Object.entries(override)) {
      if (!(key in rule)) {
        issues.push({
          path: `${at}.${key}`,
          code: 'unknown-setting',
          message: { fr: `La règle « ${id} » n’a pas de réglage « ${key} ».`, en: `Rule "${id}" has no "${key}" setting.` },
        });
        continue;
      }
      if (key === 'steps' || key === 'level' || key === 'enabled') {
        if (!validSetting(key, value)) {
          issues.push({
            path: `${at}.${key}`,
            code: 'invalid-value',
            message: {
              fr: `« ${key} » n’a pas une valeur admise (niveaux : info, warning, urgent ; seuils : nombres).`,
              en: `"${key}" has no accepted value (levels: info, warning, urgent; thresholds: numbers).`,
            },
          });
          continue;
        }
        updated[key] = value;
        continue;
      }
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        issues.push({
          path: `${at}.${key}`,
          code: 'invalid-value',
          message: { fr: `« ${key} » doit être un nombre positif.`, en: `"${key}" must be a positive number.` },
        });
        continue;
      }
      updated[key] = value;
    }
    if (rule.type === 'missingData') {
      const warning = updated['warningAfterHours'] as number;
      const urgent = updated['urgentAfterHours'] as number;
      if (!(warning > 0 && urgent >= warning && urgent <= MISSING_DATA_MAX_HOURS)) {
        issues.push({
          path: at,
          code: 'invalid-value',
          message: {
            fr: `Délais de non-transmission invalides : 0 < alerte ≤ urgence ≤ ${MISSING_DATA_MAX_HOURS} h.`,
            en: `Invalid missing-data delays: 0 < warning ≤ urgent ≤ ${MISSING_DATA_MAX_HOURS} h.`,
          },
        });
        continue;
      }
    }
    rules[index] = updated as unknown as AlertRule;
  }
  const dry = overrides.parameters?.dryWeightKg;
  if (dry !== undefined && !(Number.isFinite(dry) && dry >= 0.5 && dry <= 400)) {
    issues.push({
      path: 'parameters.dryWeightKg',
      code: 'invalid-value',
      message: { fr: '« dryWeightKg » : poids sec impossible (0,5–400 kg).', en: '"dryWeightKg": impossible dry weight (0.5–400 kg).' },
    });
  }
  if (issues.length) return { ok: false, issues };
  return { ok: true, plan: { ...programme, rules, parameters: { ...overrides.parameters } } };
}

const isLevel = (value: unknown): value is AlertLevel => (ALERT_LEVELS as readonly unknown[]).includes(value);
const isBound = (value: unknown): boolean => value === undefined || (typeof value === 'number' && Number.isFinite(value));

/** A level, a boolean or a non-empty list of at most 10 well-formed threshold steps. */
function validSetting(key: 'steps' | 'level' | 'enabled', value: unknown): boolean {
  if (key === 'enabled') return typeof value === 'boolean';
  if (key === 'level') return isLevel(value);
  if (!Array.isArray(value) || value.length === 0 || value.length > 10) return false;
  return value.every(
    (step: ThresholdStep) =>
      typeof step === 'object' &&
      step !== null &&
      isLevel(step.level) &&
      (step.component === undefined || ['value', 'systolic', 'diastolic'].includes(step.component)) &&
      isBound(step.below) &&
      isBound(step.above) &&
      (step.below !== undefined || step.above !== undefined),
  );
}

/** The programme of an indication with its default rules, as a plan. */
export function defaultPlan(indication: Indication, parameters: PatientParameters = {}): MonitoringPlan {
  return { ...PROGRAMMES[indication], parameters };
}
