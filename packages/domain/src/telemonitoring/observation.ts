// From a FHIR R4 Observation (ANS TLSVObservation / "mesures de santé" shapes, interop §3) to a
// normalised Reading, and back. Unknown codes and units and physiologically impossible values are
// refused, each issue naming its field; nothing is guessed.
import type {
  CodeableConcept,
  Coding,
  Device,
  Group,
  Location,
  Observation,
  ObservationComponent,
  Patient,
  Quantity,
  Reference,
} from '@medplum/fhirtypes';
import {
  DIASTOLIC_LOINC,
  DIASTOLIC_POSSIBLE,
  READING_DEFINITIONS,
  SYSTOLIC_LOINC,
  UCUM,
  definitionOfCode,
  impossibleValue,
  lowerFirst,
  unitOf,
  type Reading,
  type ReadingIssue,
  type ReadingKind,
} from './readings.js';

export type ReadingParse = { ok: true; reading: Reading } | { ok: false; issues: ReadingIssue[] };

/** A reading typed in or read from a device, before its unit is converted and its value checked. */
export type ReadingInput =
  | { kind: Exclude<ReadingKind, 'bloodPressure'>; identifier: string; effective: string; value: number; unit: string }
  | { kind: 'bloodPressure'; identifier: string; effective: string; systolic: number; diastolic: number; unit: string };

/** Accepted statuses (TLSVObservation: final | corrected; amended is corrected's parent). */
const STATUSES = ['final', 'amended', 'corrected'];
/** A reading from the future beyond this skew (device clocks drift) is refused when `now` is given. */
export const FUTURE_SKEW_MS = 5 * 60_000;
/** ISO 8601 date-time with seconds and an explicit offset: an instant, not a wall time. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

type Raw = Record<string, unknown>;
const isObject = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks and normalises a reading: the unit converted to the canonical one, the value checked. */
export function normaliseReading(input: ReadingInput, options: { now?: Date; path?: Partial<Record<string, string>> } = {}): ReadingParse {
  const issues: ReadingIssue[] = [];
  const path = (field: string): string => options.path?.[field] ?? field;
  const definition = READING_DEFINITIONS[input.kind];
  if (typeof input.identifier !== 'string' || input.identifier.trim() === '' || input.identifier.length > 300) {
    issues.push({
      path: path('identifier'),
      code: 'required',
      message: {
        fr: `« ${path('identifier')} » est requis : il rend un nouvel envoi sans doublon.`,
        en: `"${path('identifier')}" is required: it makes a retry never a duplicate.`,
      },
    });
  }
  const at = instantOf(input.effective);
  if (at === undefined) {
    issues.push({
      path: path('effective'),
      code: 'invalid-time',
      message: {
        fr: `« ${path('effective')} » doit être une date et heure ISO 8601 avec son fuseau (ex. 2025-06-17T08:00:00+02:00).`,
        en: `"${path('effective')}" must be an ISO 8601 date-time with its offset (e.g. 2025-06-17T08:00:00+02:00).`,
      },
    });
  } else if (options.now && at > options.now.getTime() + FUTURE_SKEW_MS) {
    issues.push({
      path: path('effective'),
      code: 'invalid-time',
      message: {
        fr: `« ${path('effective')} » est dans le futur : vérifiez l’horloge de l’appareil.`,
        en: `"${path('effective')}" is in the future: check the device's clock.`,
      },
    });
  }
  const unit = unitOf(definition, input.unit);
  if (!unit) {
    const known = definition.units.map((u) => u.code).join(', ');
    issues.push({
      path: path('unit'),
      code: 'unknown-unit',
      message: {
        fr: `« ${path('unit')} » : unité « ${input.unit} » inconnue pour ${lowerFirst(definition.name.fr)} (attendu : ${known}).`,
        en: `"${path('unit')}": unit "${input.unit}" is unknown for ${lowerFirst(definition.name.en)} (expected: ${known}).`,
      },
    });
    return { ok: false, issues };
  }
  const effective = input.effective;
  if (input.kind === 'bloodPressure') {
    const systolic = unit.toCanonical(input.systolic);
    const diastolic = unit.toCanonical(input.diastolic);
    const bad = [
      impossibleValue(
        systolic,
        definition.possible,
        path('systolic'),
        { fr: 'Pression systolique', en: 'Systolic pressure' },
        definition.unit,
      ),
      impossibleValue(
        diastolic,
        DIASTOLIC_POSSIBLE,
        path('diastolic'),
        { fr: 'Pression diastolique', en: 'Diastolic pressure' },
        definition.unit,
      ),
    ].filter((issue) => issue !== undefined);
    issues.push(...bad);
    if (!bad.length && diastolic >= systolic) {
      issues.push({
        path: path('diastolic'),
        code: 'impossible-value',
        message: {
          fr: `« ${path('diastolic')} » : la pression diastolique (${diastolic}) doit être inférieure à la systolique (${systolic}).`,
          en: `"${path('diastolic')}": the diastolic pressure (${diastolic}) must be below the systolic (${systolic}).`,
        },
      });
    }
    if (issues.length || at === undefined) return { ok: false, issues };
    return {
      ok: true,
      reading: { kind: 'bloodPressure', identifier: input.identifier, effective, at, systolic, diastolic, unit: 'mm[Hg]' },
    };
  }
  const value = unit.toCanonical(input.value);
  const bad = impossibleValue(value, definition.possible, path('value'), definition.name, definition.unit, definition.integer);
  if (bad) issues.push(bad);
  if (issues.length || at === undefined) return { ok: false, issues };
  return { ok: true, reading: { kind: input.kind, identifier: input.identifier, effective, at, value, unit: definition.unit } };
}

/** Epoch milliseconds of an ISO instant with an explicit offset; undefined for anything else. */
export function instantOf(value: unknown): number | undefined {
  if (typeof value !== 'string' || !INSTANT.test(value)) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : at;
}

/** Parses a FHIR R4 Observation into a Reading; `now` refuses readings from the future. */
export function parseObservation(input: unknown, options: { now?: Date } = {}): ReadingParse {
  const issues: ReadingIssue[] = [];
  if (!isObject(input) || input['resourceType'] !== 'Observation') {
    return {
      ok: false,
      issues: [
        {
          path: 'resourceType',
          code: 'invalid-type',
          message: { fr: 'Une ressource FHIR Observation est attendue.', en: 'A FHIR Observation resource is expected.' },
        },
      ],
    };
  }
  const observation = input as unknown as Observation;
  if (!STATUSES.includes(String(observation.status))) {
    issues.push({
      path: 'status',
      code: 'invalid-status',
      message: {
        fr: `« status » doit valoir final, amended ou corrected (reçu : ${String(observation.status)}).`,
        en: `"status" must be final, amended or corrected (got: ${String(observation.status)}).`,
      },
    });
  }
  const identifier = identifierOf(observation);
  const effective = observation.effectiveDateTime ?? observation.effectiveInstant ?? observation.effectivePeriod?.start;
  const effectivePath = observation.effectivePeriod
    ? 'effectivePeriod.start'
    : observation.effectiveInstant
      ? 'effectiveInstant'
      : 'effectiveDateTime';
  const coding = knownCoding(observation.code);
  if (!coding) {
    const given = (observation.code?.coding ?? []).map((c) => `${c.system ?? '?'}|${c.code ?? '?'}`).join(', ') || '—';
    issues.push({
      path: 'code.coding',
      code: observation.code?.coding?.length ? 'unknown-code' : 'required',
      message: {
        fr: `« code.coding » : code inconnu (${given}) ; codes LOINC acceptés : ${acceptedCodes()}.`,
        en: `"code.coding": unknown code (${given}); accepted LOINC codes: ${acceptedCodes()}.`,
      },
    });
    return { ok: false, issues };
  }
  const definition = coding.definition;
  const paths = { identifier: 'identifier', effective: effectivePath };
  if (definition.kind === 'bloodPressure') {
    const systolic = componentOf(observation.component, SYSTOLIC_LOINC);
    const diastolic = componentOf(observation.component, DIASTOLIC_LOINC);
    const componentIssues: ReadingIssue[] = [];
    for (const [name, found] of [
      ['systolic', systolic],
      ['diastolic', diastolic],
    ] as const) {
      if (!found) {
        const code = name === 'systolic' ? SYSTOLIC_LOINC : DIASTOLIC_LOINC;
        componentIssues.push({
          path: 'component',
          code: 'required',
          message: {
            fr: `« component » : la composante ${name === 'systolic' ? 'systolique' : 'diastolique'} (LOINC ${code}) manque.`,
            en: `"component": the ${name} component (LOINC ${code}) is missing.`,
          },
        });
      } else componentIssues.push(...quantityIssues(found.quantity, `component[${found.index}].valueQuantity`));
    }
    issues.push(...componentIssues);
    if (!systolic || !diastolic || componentIssues.length) return { ok: false, issues };
    const systolicUnit = unitText(systolic.quantity);
    const diastolicUnit = unitText(diastolic.quantity);
    if (systolicUnit !== diastolicUnit) {
      issues.push({
        path: `component[${diastolic.index}].valueQuantity.code`,
        code: 'unknown-unit',
        message: {
          fr: `Les deux composantes doivent avoir la même unité (${systolicUnit} et ${diastolicUnit}).`,
          en: `Both components must have the same unit (${systolicUnit} and ${diastolicUnit}).`,
        },
      });
      return { ok: false, issues };
    }
    const parsed = normaliseReading(
      {
        kind: 'bloodPressure',
        identifier: identifier ?? '',
        effective: effective ?? '',
        systolic: systolic.quantity!.value!,
        diastolic: diastolic.quantity!.value!,
        unit: systolicUnit ?? '',
      },
      {
        ...options,
        path: {
          ...paths,
          unit: `component[${systolic.index}].valueQuantity.code`,
          systolic: `component[${systolic.index}].valueQuantity.value`,
          diastolic: `component[${diastolic.index}].valueQuantity.value`,
        },
      },
    );
    return merged(issues, parsed);
  }
  const quantity = quantityIssues(observation.valueQuantity, 'valueQuantity');
  if (quantity.length) return { ok: false, issues: [...issues, ...quantity] };
  const parsed = normaliseReading(
    {
      kind: definition.kind,
      identifier: identifier ?? '',
      effective: effective ?? '',
      value: observation.valueQuantity!.value!,
      unit: unitText(observation.valueQuantity) ?? '',
    },
    { ...options, path: { ...paths, unit: 'valueQuantity.code', value: 'valueQuantity.value' } },
  );
  return merged(issues, parsed);
}

/** The issues found on the envelope (status) before those of the reading itself. */
function merged(issues: ReadingIssue[], parsed: ReadingParse): ReadingParse {
  if (parsed.ok && issues.length === 0) return parsed;
  return { ok: false, issues: [...issues, ...(parsed.ok ? [] : parsed.issues)] };
}

function identifierOf(observation: Observation): string | undefined {
  const first = observation.identifier?.find((id) => typeof id.value === 'string' && id.value !== '');
  if (!first?.value) return undefined;
  return first.system ? `${first.system}|${first.value}` : first.value;
}

function knownCoding(
  code: CodeableConcept | undefined,
): { coding: Coding; definition: (typeof READING_DEFINITIONS)[ReadingKind] } | undefined {
  for (const coding of code?.coding ?? []) {
    const definition = definitionOfCode(coding.system, coding.code);
    if (definition) return { coding, definition };
  }
  return undefined;
}

function acceptedCodes(): string {
  return Object.values(READING_DEFINITIONS)
    .flatMap((d) => d.codes.filter((c) => c.system.includes('loinc')).map((c) => c.code))
    .join(', ');
}

function componentOf(
  components: ObservationComponent[] | undefined,
  loinc: string,
): { quantity: Quantity | undefined; index: number } | undefined {
  const index = (components ?? []).findIndex((c) => c.code?.coding?.some((coding) => coding.code === loinc));
  return index < 0 ? undefined : { quantity: components![index]!.valueQuantity, index };
}

/** The UCUM code when the system is UCUM (or absent), else the human unit. */
function unitText(quantity: Quantity | undefined): string | undefined {
  if (!quantity) return undefined;
  if (quantity.code && (!quantity.system || quantity.system === UCUM)) return quantity.code;
  return quantity.unit ?? quantity.code;
}

function quantityIssues(quantity: Quantity | undefined, path: string): ReadingIssue[] {
  if (!isObject(quantity)) {
    return [{ path, code: 'required', message: { fr: `« ${path} » est requis.`, en: `"${path}" is required.` } }];
  }
  const issues: ReadingIssue[] = [];
  if (typeof quantity.value !== 'number' || !Number.isFinite(quantity.value)) {
    issues.push({
      path: `${path}.value`,
      code: 'invalid-type',
      message: { fr: `« ${path}.value » doit être un nombre.`, en: `"${path}.value" must be a number.` },
    });
  }
  if (!unitText(quantity)) {
    issues.push({
      path: `${path}.code`,
      code: 'unknown-unit',
      message: { fr: `« ${path}.code » : l’unité UCUM manque.`, en: `"${path}.code": the UCUM unit is missing.` },
    });
  }
  return issues;
}

const VITAL_SIGNS_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';

/** The Observation for a reading (TLSVObservation shape), with its interpretation when given. */
export function readingToObservation(
  reading: Reading,
  subject: Reference<Patient | Group | Device | Location>,
  interpretation?: CodeableConcept,
): Observation {
  const definition = READING_DEFINITIONS[reading.kind];
  const code = definition.codes[0]!;
  const [system, value] = reading.identifier.includes('|') ? reading.identifier.split('|', 2) : [undefined, reading.identifier];
  const quantity = (v: number): Quantity => ({ value: v, unit: definition.unit, system: UCUM, code: definition.unit });
  return {
    resourceType: 'Observation',
    identifier: [{ ...(system ? { system } : {}), value }],
    status: 'final',
    category: [{ coding: [{ system: VITAL_SIGNS_CATEGORY, code: definition.category }] }],
    code: { coding: [{ system: code.system, code: code.code, display: definition.name.en }] },
    subject,
    effectiveDateTime: reading.effective,
    ...(reading.kind === 'bloodPressure'
      ? {
          component: [
            { code: { coding: [{ system: code.system, code: SYSTOLIC_LOINC }] }, valueQuantity: quantity(reading.systolic) },
            { code: { coding: [{ system: code.system, code: DIASTOLIC_LOINC }] }, valueQuantity: quantity(reading.diastolic) },
          ],
        }
      : { valueQuantity: quantity(reading.value) }),
    ...(interpretation ? { interpretation: [interpretation] } : {}),
  };
}
