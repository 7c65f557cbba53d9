// The readings of telemonitoring, normalised: one shape whether a reading came as a FHIR R4
// Observation, was typed in by the patient or was read from a Bluetooth device. Values are held in
// one canonical unit per kind (kg, %, /min, mm[Hg], mg/dL, Cel, h), converted on the way in.
import type { Message } from '../triage/types.js';

export const LOINC = 'http://loinc.org';
export const UCUM = 'http://unitsofmeasure.org';
/**
 * Our own code system for what LOINC and the specs give no code for: hours of oxygen use per 24 h
 * (factsheet §4.6, respiratory) and the oncology symptom grade (the highest CTCAE-like grade, 0–4,
 * scored from the patient's symptom questionnaire).
 */
export const PARCOURS_TELEMONITORING = 'https://parcours.sante.fr/fhir/CodeSystem/telemonitoring';

export const READING_KINDS = [
  'bodyWeight',
  'spo2',
  'heartRate',
  'bloodPressure',
  'glucose',
  'bodyTemperature',
  'oxygenUseHours',
  'symptomGrade',
] as const;
export type ReadingKind = (typeof READING_KINDS)[number];

/** A unit a reading may come in, and how it becomes the kind's canonical unit. */
export interface UnitConversion {
  /** UCUM code. */
  code: string;
  /** Other spellings met in the wild (Observation.valueQuantity.unit, device labels). */
  aliases: readonly string[];
  toCanonical: (value: number) => number;
}

export interface ReadingDefinition {
  kind: ReadingKind;
  /** The codes this kind is recognised by; the first is the one we write. */
  codes: readonly { system: string; code: string }[];
  name: Message;
  /** The canonical UCUM unit values are held in. */
  unit: string;
  units: readonly UnitConversion[];
  /** Values outside are physiologically impossible (a wrong unit or a broken device), refused. */
  possible: { min: number; max: number };
  /** Values must be whole numbers (a grade). */
  integer?: boolean;
  /** The observation category (vital-signs, survey, activity: TLSVCategory). */
  category: 'vital-signs' | 'survey' | 'activity';
}

const same = (value: number): number => value;
const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** Glucose molar mass 180.16 g/mol: 1 mmol/L = 18.016 mg/dL. */
export const GLUCOSE_MG_DL_PER_MMOL_L = 18.016;
/** 1 kPa = 7.50062 mmHg. */
export const MMHG_PER_KPA = 7.50062;
/** 1 lb = 0.45359237 kg (international avoirdupois pound). */
export const KG_PER_LB = 0.45359237;

const PRESSURE_UNITS: readonly UnitConversion[] = [
  { code: 'mm[Hg]', aliases: ['mmHg', 'mm Hg'], toCanonical: same },
  { code: 'kPa', aliases: [], toCanonical: (v) => round(v * MMHG_PER_KPA, 1) },
];

export const READING_DEFINITIONS: Readonly<Record<ReadingKind, ReadingDefinition>> = {
  bodyWeight: {
    kind: 'bodyWeight',
    codes: [{ system: LOINC, code: '29463-7' }],
    name: { fr: 'Poids', en: 'Body weight' },
    unit: 'kg',
    units: [
      { code: 'kg', aliases: [], toCanonical: same },
      { code: 'g', aliases: [], toCanonical: (v) => round(v / 1000, 3) },
      { code: '[lb_av]', aliases: ['lb', 'lbs'], toCanonical: (v) => round(v * KG_PER_LB, 2) },
    ],
    possible: { min: 0.5, max: 400 },
    category: 'vital-signs',
  },
  spo2: {
    kind: 'spo2',
    // 59408-5 is SpO₂ by pulse oximetry; 2708-6 (arterial saturation) is the base vital-signs code.
    codes: [
      { system: LOINC, code: '59408-5' },
      { system: LOINC, code: '2708-6' },
    ],
    name: { fr: 'Saturation en oxygène (SpO₂)', en: 'Oxygen saturation (SpO₂)' },
    unit: '%',
    units: [{ code: '%', aliases: ['percent'], toCanonical: same }],
    possible: { min: 50, max: 100 },
    category: 'vital-signs',
  },
  heartRate: {
    kind: 'heartRate',
    codes: [{ system: LOINC, code: '8867-4' }],
    name: { fr: 'Fréquence cardiaque', en: 'Heart rate' },
    unit: '/min',
    units: [{ code: '/min', aliases: ['{beats}/min', 'bpm', 'beats/min'], toCanonical: same }],
    possible: { min: 20, max: 300 },
    category: 'vital-signs',
  },
  bloodPressure: {
    kind: 'bloodPressure',
    codes: [{ system: LOINC, code: '85354-9' }],
    name: { fr: 'Pression artérielle', en: 'Blood pressure' },
    unit: 'mm[Hg]',
    units: PRESSURE_UNITS,
    // The bounds of the systolic value; the diastolic has its own (DIASTOLIC_POSSIBLE).
    possible: { min: 40, max: 300 },
    category: 'vital-signs',
  },
  glucose: {
    kind: 'glucose',
    // 2339-0: mass/volume in blood; 15074-8: moles/volume in blood. Either unit is accepted for either.
    codes: [
      { system: LOINC, code: '2339-0' },
      { system: LOINC, code: '15074-8' },
    ],
    name: { fr: 'Glycémie', en: 'Blood glucose' },
    unit: 'mg/dL',
    units: [
      { code: 'mg/dL', aliases: ['mg/dl'], toCanonical: same },
      { code: 'mmol/L', aliases: ['mmol/l'], toCanonical: (v) => round(v * GLUCOSE_MG_DL_PER_MMOL_L, 1) },
      { code: 'g/L', aliases: ['g/l'], toCanonical: (v) => round(v * 100, 1) },
    ],
    possible: { min: 10, max: 1500 },
    category: 'vital-signs',
  },
  bodyTemperature: {
    kind: 'bodyTemperature',
    codes: [{ system: LOINC, code: '8310-5' }],
    name: { fr: 'Température corporelle', en: 'Body temperature' },
    unit: 'Cel',
    units: [
      { code: 'Cel', aliases: ['°C', 'C'], toCanonical: same },
      { code: '[degF]', aliases: ['°F', 'F'], toCanonical: (v) => round(((v - 32) * 5) / 9, 2) },
    ],
    possible: { min: 25, max: 45 },
    category: 'vital-signs',
  },
  oxygenUseHours: {
    kind: 'oxygenUseHours',
    codes: [{ system: PARCOURS_TELEMONITORING, code: 'oxygen-use-hours' }],
    name: { fr: 'Heures d’oxygénothérapie sur 24 h', en: 'Hours of oxygen use per 24 h' },
    unit: 'h',
    units: [
      { code: 'h', aliases: ['hours'], toCanonical: same },
      { code: 'min', aliases: [], toCanonical: (v) => round(v / 60, 2) },
    ],
    possible: { min: 0, max: 24 },
    category: 'activity',
  },
  symptomGrade: {
    kind: 'symptomGrade',
    codes: [{ system: PARCOURS_TELEMONITORING, code: 'symptom-grade' }],
    name: { fr: 'Grade des symptômes', en: 'Symptom grade' },
    unit: '{grade}',
    units: [{ code: '{grade}', aliases: ['{score}', '1'], toCanonical: same }],
    possible: { min: 0, max: 4 },
    integer: true,
    category: 'survey',
  },
};

export const SYSTOLIC_LOINC = '8480-6';
export const DIASTOLIC_LOINC = '8462-4';
export const DIASTOLIC_POSSIBLE = { min: 20, max: 200 };

interface ReadingBase {
  /** Observation.identifier as `system|value` (or the value alone): a retry carries the same one. */
  identifier: string;
  /** When the measure was taken, as given (ISO 8601 with its offset). */
  effective: string;
  /** The same instant in epoch milliseconds: what the rules compute on. */
  at: number;
}

export interface ScalarReading extends ReadingBase {
  kind: Exclude<ReadingKind, 'bloodPressure'>;
  value: number;
  /** The canonical unit of the kind. */
  unit: string;
}

export interface BloodPressureReading extends ReadingBase {
  kind: 'bloodPressure';
  systolic: number;
  diastolic: number;
  unit: 'mm[Hg]';
}

export type Reading = ScalarReading | BloodPressureReading;

/** A problem with an incoming reading: the field, a stable code and the message in both languages. */
export interface ReadingIssue {
  /** `valueQuantity.unit`, `component[0].valueQuantity.value`, `effectiveDateTime`… */
  path: string;
  code: 'invalid-type' | 'required' | 'unknown-code' | 'unknown-unit' | 'impossible-value' | 'invalid-status' | 'invalid-time';
  message: Message;
}

/** The definition a code belongs to, if any. */
export function definitionOfCode(system: string | undefined, code: string | undefined): ReadingDefinition | undefined {
  if (!code) return undefined;
  return Object.values(READING_DEFINITIONS).find((definition) =>
    definition.codes.some((known) => known.code === code && (system === undefined || known.system === system)),
  );
}

/** The conversion for a unit given by its UCUM code or a common spelling. */
export function unitOf(definition: ReadingDefinition, unit: string | undefined): UnitConversion | undefined {
  if (!unit) return undefined;
  return definition.units.find((known) => known.code === unit || known.aliases.includes(unit));
}

/** Checks a canonical value against the possible range of its kind (`field` names it in the message). */
export function impossibleValue(
  value: number,
  bounds: { min: number; max: number },
  path: string,
  name: Message,
  unit: string,
  integer = false,
): ReadingIssue | undefined {
  if (!Number.isFinite(value)) {
    return {
      path,
      code: 'invalid-type',
      message: { fr: `« ${path} » doit être un nombre.`, en: `"${path}" must be a number.` },
    };
  }
  if (value < bounds.min || value > bounds.max || (integer && !Number.isInteger(value))) {
    const range = `${bounds.min}–${bounds.max} ${unit}`;
    return {
      path,
      code: 'impossible-value',
      message: {
        fr: `« ${path} » : ${value} ${unit} est impossible pour ${lowerFirst(name.fr)} (attendu ${range}${integer ? ', entier' : ''}).`,
        en: `"${path}": ${value} ${unit} is impossible for ${lowerFirst(name.en)} (expected ${range}${integer ? ', whole number' : ''}).`,
      },
    };
  }
  return undefined;
}

/** `Saturation en oxygène (SpO₂)` → `saturation en oxygène (SpO₂)`: a name inside a sentence. */
export const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);

/** The value a rule reads from a reading: the value, or the systolic/diastolic of a blood pressure. */
export function readingValue(reading: Reading, component: 'value' | 'systolic' | 'diastolic' = 'value'): number | undefined {
  if (reading.kind === 'bloodPressure') return component === 'diastolic' ? reading.diastolic : reading.systolic;
  return component === 'value' ? reading.value : undefined;
}
