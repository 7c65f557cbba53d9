// What devices send, read into readings: one FHIR R4 Observation, a batch or transaction Bundle of
// them, or NDJSON. Each entry is parsed on its own (the domain names the field); an entry's issues
// never stop the others, except in a transaction, which is kept whole or not at all.
import { parseObservation, type Reading, type ReadingIssue } from '@parcours/domain';
import type { Language } from '../../platform/http/language.js';
import type { FieldIssue } from '../../platform/http/problem.js';

/** Bounds of one sending: enough for a day of a continuous glucose monitor for many patients, small enough to answer in a second. */
export const MAX_BUNDLE_ENTRIES = 5_000;
export const MAX_NDJSON_LINES = 10_000;
/** Readings older than this are refused: a wrong clock, or data for the archive rather than for monitoring. */
export const MAX_AGE_MS = 366 * 24 * 3_600_000;

export type Entry = { ok: true; reading: Reading } | { ok: false; errors: FieldIssue[] } | { ok: 'skipped' };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function fieldIssues(issues: ReadingIssue[], language: Language, prefix: string): FieldIssue[] {
  return issues.map((issue) => ({ field: prefix + issue.path, code: issue.code, message: issue.message[language] }));
}

/** One Observation for this patient: parsed, from the past year, about the patient the credential writes for. */
export function readObservation(resource: unknown, patientId: string, now: Date, language: Language, prefix = ''): Entry {
  const parsed = parseObservation(resource, { now });
  if (!parsed.ok) return { ok: false, errors: fieldIssues(parsed.issues, language, prefix) };
  const subject = isObject(resource) && isObject(resource['subject']) ? resource['subject']['reference'] : undefined;
  if (subject !== undefined && subject !== `Patient/${patientId}`) {
    return {
      ok: false,
      errors: [
        {
          field: `${prefix}subject.reference`,
          code: 'wrong-patient',
          message:
            language === 'fr'
              ? 'Cet appareil n’envoie que les mesures de son patient : la référence du sujet ne le désigne pas.'
              : 'This device sends its own patient’s readings only: the subject reference names someone else.',
        },
      ],
    };
  }
  if (parsed.reading.at < now.getTime() - MAX_AGE_MS) {
    return {
      ok: false,
      errors: [
        {
          field: `${prefix}effectiveDateTime`,
          code: 'invalid-time',
          message:
            language === 'fr'
              ? 'La mesure date de plus d’un an : vérifiez l’horloge de l’appareil.'
              : 'The reading is more than a year old: check the device’s clock.',
        },
      ],
    };
  }
  return parsed;
}

/** A Bundle's entries: Observations read, devices (PhdDevice conditional creates of the "mesures de santé" flow) skipped. */
export function readBundle(
  bundle: unknown,
  patientId: string,
  now: Date,
  language: Language,
): { type: 'batch' | 'transaction'; entries: Entry[] } | { errors: FieldIssue[] } {
  const say = (fr: string, en: string) => (language === 'fr' ? fr : en);
  if (!isObject(bundle) || bundle['resourceType'] !== 'Bundle')
    return {
      errors: [{ field: 'resourceType', code: 'invalid-type', message: say('Un Bundle FHIR est attendu.', 'A FHIR Bundle is expected.') }],
    };
  const type = bundle['type'];
  if (type !== 'batch' && type !== 'transaction')
    return {
      errors: [
        {
          field: 'type',
          code: 'invalid-value',
          message: say('Le Bundle doit être de type batch ou transaction.', 'The Bundle must be a batch or a transaction.'),
        },
      ],
    };
  const entries = bundle['entry'] ?? [];
  if (!Array.isArray(entries) || entries.length === 0 || entries.length > MAX_BUNDLE_ENTRIES)
    return {
      errors: [
        {
          field: 'entry',
          code: 'out-of-range',
          message: say(`De 1 à ${MAX_BUNDLE_ENTRIES} entrées sont attendues.`, `From 1 to ${MAX_BUNDLE_ENTRIES} entries are expected.`),
        },
      ],
    };
  return {
    type,
    entries: entries.map((entry: unknown, index): Entry => {
      const resource = isObject(entry) ? entry['resource'] : undefined;
      if (isObject(resource) && resource['resourceType'] === 'Device') return { ok: 'skipped' };
      return readObservation(resource, patientId, now, language, `entry[${index}].resource.`);
    }),
  };
}

/** NDJSON: one Observation per line; blank lines are ignored, a line that is not JSON is refused by itself. */
export function readNdjson(text: string, patientId: string, now: Date, language: Language): Entry[] | { errors: FieldIssue[] } {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  if (lines.length === 0 || lines.length > MAX_NDJSON_LINES)
    return {
      errors: [
        {
          field: '(body)',
          code: 'out-of-range',
          message:
            language === 'fr'
              ? `De 1 à ${MAX_NDJSON_LINES} lignes (une Observation FHIR chacune) sont attendues.`
              : `From 1 to ${MAX_NDJSON_LINES} lines (one FHIR Observation each) are expected.`,
        },
      ],
    };
  return lines.map((line, index): Entry => {
    let resource: unknown;
    try {
      resource = JSON.parse(line);
    } catch {
      return {
        ok: false,
        errors: [
          {
            field: `[${index}]`,
            code: 'malformed-json',
            message: language === 'fr' ? 'Cette ligne n’est pas du JSON valide.' : 'This line is not valid JSON.',
          },
        ],
      };
    }
    return readObservation(resource, patientId, now, language);
  });
}

/** The readings of the entries that passed, the first of each identifier (later ones are the same reading sent again). */
export function readingsOf(entries: readonly Entry[]): Reading[] {
  const seen = new Set<string>();
  const readings: Reading[] = [];
  for (const entry of entries) {
    if (entry.ok !== true || seen.has(entry.reading.identifier)) continue;
    seen.add(entry.reading.identifier);
    readings.push(entry.reading);
  }
  return readings;
}
