import { randomUUID } from 'node:crypto';
import { DEFAULT_TRIAGE, nirKey } from '@parcours/domain';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../openapi.js';
import { seedDemo } from '../demo.js';
import type { Db } from '../platform/database/database.js';
import { ApiClient } from '../platform/testing/client.js';
import { describeEachDatabase } from '../platform/testing/databases.js';
import { startTestServer } from '../platform/testing/server.js';
import type { RunningServer } from '../server.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from './accounts/index.js';
import { INFORMATION } from './consent/information.js';
import { NURSE_ASSISTANT } from './teleconsultation/testing.js';
import { everyTable } from './testing.js';

/*
 * Property-based fuzzing driven by the OpenAPI document: every route, on both databases, receives
 * malformed values (wrong types, control characters, huge strings, out-of-range numbers and dates,
 * year 0000, unknown fields, deep nesting, malformed path parameters, query strings and bodies), each
 * one field off a well-formed request, from a caller who gets past the route's access policy. Never
 * a 5xx; always application/problem+json; a validation problem names the field in our words; and
 * nothing is written. A new route is fuzzed as soon as it is documented; give it a sample below so
 * that its refusals are about the field fuzzed.
 */

/** Requests per database: the systematic cases, then random ones up to this count. */
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 2_400);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const IN_FLIGHT = 6;

const corsicanFirst13 = '220052A004001';
const CORSICAN_NIR = corsicanFirst13 + String(nirKey(corsicanFirst13)).padStart(2, '0');
const PASSWORD = 'un-mot-de-passe-assez-long';

/**
 * A well-formed body or query for each route that takes one, every optional field filled in, so that
 * a request one field off is refused for that field alone. Sent as such only after the fuzzing, to
 * check it is indeed well-formed (see the last test). Routes without one get a body made from their
 * schema's required fields.
 */
const SAMPLE_BODIES: Record<string, Record<string, unknown>> = {
  'POST /api/v1/auth/register': {
    email: 'fuzz.register@example.org',
    password: PASSWORD,
    givenName: 'Zoé',
    familyName: 'Essai',
    locale: 'fr',
    identity: {
      birthName: 'ESSAI',
      firstNames: 'Zoé Marie',
      usedName: 'Martin',
      sex: 'F',
      birthDate: '1990-01-02',
      birthPlaceInsee: '2A004',
      nir: CORSICAN_NIR,
    },
  },
  'POST /api/v1/auth/verify-email': { token: 'a'.repeat(43) },
  'POST /api/v1/auth/login': { email: 'nobody@example.org', password: PASSWORD },
  'POST /api/v1/auth/second-factor/enrolment/confirm': { code: '123456' },
  'POST /api/v1/auth/second-factor/verify': { code: '123456' },
  'POST /api/v1/auth/password/forgot': { email: 'nobody@example.org' },
  'POST /api/v1/auth/password/reset': { token: 'a'.repeat(43), password: PASSWORD },
  'POST /api/v1/auth/invitation/accept': { token: 'a'.repeat(43), password: PASSWORD },
  'PATCH /api/v1/me': { locale: 'fr', givenName: 'Camille', familyName: 'Petit' },
  'POST /api/v1/organisations/:organisationId/sites': {
    name: 'Antenne de Belleville',
    address: '12 rue de Belleville',
    postalCode: '75020',
    city: 'Paris',
    finess: '750712184',
  },
  'POST /api/v1/organisations/:organisationId/invitations': {
    email: 'fuzz.invite@example.org',
    givenName: 'Inès',
    familyName: 'Essai',
    role: 'practitioner',
    profession: 'doctor',
    specialty: 'general-practice',
    rpps: '10005173140',
    sector: 1,
    optam: false,
    locale: 'fr',
  },
  'POST /api/v1/me/dependants': {
    birthName: 'PETIT',
    firstNames: 'Zoé',
    usedName: 'Petit',
    sex: 'F',
    birthDate: '2020-05-05',
    birthPlaceInsee: '2A004',
    nir: CORSICAN_NIR,
  },
  'POST /api/v1/patients/:patientId/consents': { act: 'teleconsultation', informationVersion: INFORMATION.teleconsultation.version },
  'PUT /api/v1/patients/:patientId/insurance': { treatingDoctor: 'declared', ald: false, cover: 'private' },
  'POST /api/v1/patients/:patientId/teleconsultation-estimate': {
    date: '2026-11-23',
    time: '10:30',
    modality: 'video',
    treatingDoctor: 'referred',
    concernsAld: false,
    workAccident: false,
    emergency: false,
    sasReferral: false,
    feeCharged: 25,
    practitioner: { profession: 'doctor', specialty: 'general-practice', sector: 1, optam: false, isTreatingDoctor: false, local: true },
  },
  'POST /api/v1/patients/:patientId/teleconsultation-billing': {
    date: '2026-11-23',
    time: '10:30',
    modality: 'video',
    treatingDoctor: 'referred',
    completed: true,
    isTreatingDoctor: false,
    local: true,
    residence: 'home',
    livesInZip: false,
    lastInPersonVisit: '2026-01-10',
    participationsPaidThisYear: 10,
  },
  'POST /api/v1/appointments/:appointmentId/payments': { means: 'cheque', amount: 12.5, reference: 'Chèque n° 1234' },
  'POST /api/v1/rules/evaluate': { kind: 'identifier', system: 'nir', value: '157016748214562' },
  'POST /api/v1/triage/orient': { patient: { age: 0, sex: 'F' }, ageMonths: 5, answers: { 'fever-celsius': 38.2, breathing: 'normal' } },
  'POST /api/v1/patients/:patientId/triage/responses': {
    runId: '0b6a7d4e-5f1c-4c2a-9e3d-7a8b9c0d1e2f',
    answers: {
      reason: 'minor-ailment',
      'symptom-days': 2,
      'chest-pain': false,
      'stroke-signs': false,
      'sudden-severe-headache': false,
      'loss-of-consciousness': false,
      confusion: false,
      breathing: 'normal',
      'severe-allergy': false,
      'heavy-bleeding': false,
      'suicidal-thoughts': false,
      'fever-celsius': 37.8,
      'stiff-neck-or-rash': false,
      'abdominal-pain': 'none',
      'needs-examination': false,
      pregnant: false,
      'can-use-video': true,
      'needs-interpreter': false,
    },
  },
  'POST /api/v1/triage/funnel-events': { runId: '0b6a7d4e-5f1c-4c2a-9e3d-7a8b9c0d1e30', event: 'abandoned', step: 'symptoms' },
  'POST /api/v1/organisations/:organisationId/triage/questionnaire': {
    questionnaire: { ...DEFAULT_TRIAGE.questionnaire, version: 'fuzz-sample' },
    orientation: DEFAULT_TRIAGE.orientation,
  } as unknown as Record<string, unknown>,
  'POST /api/v1/patients/:patientId/telemonitoring/eligibility': {
    programme: 'diabetes',
    level: 'enhanced-1',
    operator: { kind: 'team', arsDeclaration: 'DS-2026-0042' },
    startsOn: '2026-11-02',
  },
  'POST /api/v1/patients/:patientId/telemonitoring/enrolments': {
    programme: 'heart-failure',
    level: 'standard',
    operator: { kind: 'structure', arsDeclaration: null },
    organisationId: 'set-from-the-demo',
    startsOn: '2026-11-02',
    months: 6,
    overrides: { rules: { 'weight-gain': { rise: 2.5, withinHours: 72 } }, parameters: { dryWeightKg: 70 } },
    patientInformed: true,
  },
  'PUT /api/v1/patients/:patientId/telemonitoring/enrolments/:enrolmentId/overrides': {
    rules: { 'glucose-low': { enabled: true, steps: [{ level: 'urgent', component: 'value', below: 65 }], lookbackHours: 24 } },
    parameters: { dryWeightKg: 70 },
  },
  'POST /api/v1/patients/:patientId/telemonitoring/enrolments/:enrolmentId/devices': { label: 'Lecteur de glycémie' },
  'POST /api/v1/patients/:patientId/telemonitoring/readings': {
    identifier: '0b6a7d4e-5f1c-4c2a-9e3d-7a8b9c0d1e31',
    kind: 'bloodPressure',
    value: 1,
    systolic: 130,
    diastolic: 80,
    unit: 'mm[Hg]',
    effective: new Date(Date.now() - 3_600_000).toISOString(),
  },
  'POST /api/v1/patients/:patientId/telemonitoring/alerts/:alertId/snooze': { minutes: 30 },
  'POST /api/v1/patients/:patientId/telemonitoring/alerts/:alertId/resolve': { note: 'Resucrage, rappel de la patiente.' },
  'PUT /api/v1/records/reports/:reportId': { narrative: 'Rhinopharyngite.', acts: 'Téléconsultation', incidents: 'Aucun' },
  'POST /api/v1/records/reports/:reportId/addenda': { text: 'Résultat de la radiographie : normal.' },
  'POST /api/v1/records/reports/:reportId/prescriptions': {
    kind: 'medication',
    items: [
      {
        medication: 'Paracétamol 500 mg, comprimé',
        dose: { value: 2, unit: 'comprimés' },
        route: 'oral',
        frequency: { times: 3, period: 1, periodUnit: 'd' },
        durationDays: 5,
        quantity: '1 boîte de 16',
        instructions: 'Espacer les prises de 6 heures.',
        substitutable: true,
      },
    ],
  },
  'POST /api/v1/records/reports/:reportId/sick-leaves': {
    startsOn: '2026-12-02',
    days: 3,
    existingLeaveDays: 0,
    motive: 'Grippe',
    outings: 'allowed',
    isTreatingDoctor: false,
    isReferenceMidwife: false,
    patientJustifiesNoInPersonAccess: false,
  },
  'POST /api/v1/records/reports/:reportId/share': { recipientAccountIds: ['3f0c1a52-8d4e-4b6f-a1c2-d3e4f5a6b7c8'], note: 'Pour suivi.' },
  'PUT /api/v1/appointments/:appointmentId/teleconsultation/connectivity': { direct: false, turnUdp: true, turnTls: false },
  'POST /api/v1/appointments/:appointmentId/teleconsultation/audio-only': { reason: 'camera-failed' },
  'POST /api/v1/appointments/:appointmentId/teleconsultation/invitations': { kind: 'professional', email: 'ines.garnier@example.org' },
  'POST /api/v1/teleconsultation/invitations/check': { token: 'fuzzSampleTokenThatOpensNothing0123456789ab' },
  'POST /api/v1/teleconsultation/invitations/redeem': { token: 'fuzzSampleTokenThatOpensNothing0123456789ab', ...NURSE_ASSISTANT },
  'POST /api/v1/teleconsultation/assist/measurements': {
    kind: 'bloodPressure',
    systolic: 130,
    diastolic: 80,
    unit: 'mm[Hg]',
    identifier: '0b6a7d4e-5f1c-4c2a-9e3d-7a8b9c0d1e41',
    source: 'bluetooth',
    effective: new Date(Date.now() - 60_000).toISOString(),
    device: 'Tensiomètre',
  },
};

const SAMPLE_QUERIES: Record<string, Record<string, string>> = {
  'GET /api/v1/care/patients': { q: 'pet', limit: '10' },
  'GET /api/v1/patients/:patientId/access-history': { limit: '10', before: '2100-01-01T00:00:00Z' },
  'GET /api/v1/auth/oidc/callback': { code: 'abc', state: 'xyz' },
  'GET /api/v1/triage/appointment-orientations': { ids: '3f0c1a52-8d4e-4b6f-a1c2-d3e4f5a6b7c8' },
  'GET /api/v1/patients/:patientId/triage/responses': { limit: '5' },
  'GET /api/v1/organisations/:organisationId/triage/funnel': { days: '30' },
  'GET /api/v1/patients/:patientId/telemonitoring': { days: '30' },
  'GET /api/v1/billing/acts': { month: '2026-12', status: 'unpaid', format: 'json' },
  'GET /api/v1/telemonitoring/report': { month: '2026-11', format: 'json' },
};

type ClientName = 'anonymous' | 'patient' | 'practitioner' | 'admin';

/** A JSON Schema node as the OpenAPI document writes it (the subset zod emits). */
interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
}

interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: Schema;
}

interface Route {
  key: string;
  method: string;
  /** Fastify's form, `/api/v1/patients/:patientId`. */
  path: string;
  policy: string;
  params: Parameter[];
  query: Parameter[];
  body: Schema | undefined;
}

/** One fuzzed request. `field` is where the request is off, as the problem must name it (undefined: the HTTP layer refuses it). */
interface Case {
  route: Route;
  client: ClientName;
  kind: string;
  field?: string;
  params: Record<string, string>;
  query: [string, string][];
  /** A JSON value to send, or a raw body with its content type. */
  body?: { json: unknown } | { raw: string; contentType: string | undefined };
  /** The request is one field off a well-formed one (a sample, checked in the last test): its problem names that field. */
  trusted?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Malformed values

/** The C0 controls (NUL first), DEL, the C1 controls and lone surrogate halves: what no field of ours takes. */
const CONTROL_CHARACTERS = [
  '\u0000',
  '\u0001',
  '\u0008',
  '\u000B',
  '\u000C',
  '\u001B',
  '\u001F',
  '\u007F',
  '\u0085',
  '\u009B',
  '\uD800',
  '\uDFFF',
];

function allowedKinds(schema: Schema): Set<string> {
  const kinds = new Set<string>();
  const add = (s: Schema) => {
    for (const t of [s.type ?? []].flat()) kinds.add(t === 'integer' ? 'number' : t);
    if (s.const !== undefined) kinds.add(kindOf(s.const));
    for (const v of s.enum ?? []) kinds.add(kindOf(v));
    for (const inner of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) add(inner);
  };
  add(schema);
  return kinds;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** The first form of a union that is not null, for what a value should look like. */
function mainForm(schema: Schema): Schema {
  const forms = schema.anyOf ?? schema.oneOf;
  if (!forms) return schema;
  return forms.find((f) => f.type !== 'null') ?? schema;
}

const deepArray = (depth: number): unknown => {
  let value: unknown = 'fond';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};
const deepObject = (depth: number): unknown => {
  let value: unknown = 'fond';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};

/** Values of every JSON kind, for a field that takes another. */
const VALUES_BY_KIND: Record<string, unknown[]> = {
  string: ['texte', '', '2026-01-01', '00000000-0000-0000-0000-000000000000'],
  number: [0, -1, 42, 1.5, 1e308, -1e308],
  boolean: [true, false],
  null: [null],
  array: [[], ['texte'], [1, 2, 3], deepArray(1_000)],
  object: [{}, { a: 1 }, deepObject(1_000)],
};

const DATES = [
  '0000-01-01',
  '1899-12-31',
  '2200-01-01',
  '2024-02-30',
  '2023-02-29',
  '20240101',
  '99999-01-01',
  '+002024-01-01',
  '2024-1-1',
  '-2024-01-01',
  'demain',
];
const DATE_TIMES = [
  '0000-01-01T00:00:00Z',
  '0000-01-01T00:00:00.000Z',
  '1899-12-31T23:59:59Z',
  '2200-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '2024-02-30T00:00:00Z',
  '2024-01-01T24:00:00Z',
  '2024-01-01T00:00:00+25:00',
  '2024-01-01',
  '275760-09-13T00:00:01Z',
  'hier',
];
const EMAILS = ['', 'sans-arobase', 'a@b', '@example.org', 'a@@example.org', 'a@example.org ', 'é@exemple.fr'];
const UUIDS = ['', 'pas-un-uuid', '00000000-0000-0000-0000-00000000000g', '123', `${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(13)}`];

/** A string with a control character slipped in somewhere. */
const withControl = (base: string) =>
  fc
    .tuple(fc.constantFrom(...CONTROL_CHARACTERS), fc.nat({ max: base.length }))
    .map(([control, at]) => base.slice(0, at) + control + base.slice(at));

/** One of these values, or nothing when there are none: a filter that never passes would never end. */
function oneOfValues<T>(values: T[]): fc.Arbitrary<T>[] {
  return values.length ? [fc.constantFrom(...values)] : [];
}

/** Strings this schema refuses, whatever its other rules; `longest` keeps them short enough for a URL. */
function badStrings(schema: Schema, valid: string, longest = 400_000): fc.Arbitrary<string> {
  const choices: fc.Arbitrary<string>[] = [withControl(valid || 'texte')];
  const tooLong = Math.max((schema.maxLength ?? 0) + 1, 1);
  // Longer than allowed, up to very long (a 10,000-character name, and beyond).
  if (tooLong <= longest) choices.push(fc.integer({ min: tooLong, max: Math.min(tooLong + 50, longest) }).map((n) => 'x'.repeat(n)));
  choices.push(
    ...oneOfValues([10_000, 100_000, 400_000].filter((n) => n >= tooLong && n <= longest)).map((a) => a.map((n) => 'é'.repeat(n))),
  );
  if (schema.format === 'date') choices.push(fc.constantFrom(...DATES));
  if (schema.format === 'date-time') choices.push(fc.constantFrom(...DATE_TIMES));
  if (schema.format === 'email') choices.push(fc.constantFrom(...EMAILS));
  if (schema.format === 'uuid') choices.push(fc.constantFrom(...UUIDS));
  if (schema.enum) {
    const known = new Set(schema.enum);
    choices.push(
      ...oneOfValues(['x', `${String(schema.enum[0])} `, String(schema.enum[0]).toUpperCase() + 'Z', ''].filter((v) => !known.has(v))),
    );
  }
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern, 'u');
    choices.push(...oneOfValues(['', '!', 'abc!', '12', '2A', '99', 'zz', 'é', '\u00A0'].filter((v) => !pattern.test(v))));
  }
  if ((schema.minLength ?? 0) > 1) choices.push(fc.constant('x'.repeat((schema.minLength ?? 1) - 1)));
  if ((schema.minLength ?? 0) >= 1) choices.push(fc.constant(''));
  return fc.oneof(...choices);
}

/** Numbers this schema refuses: out of its range, or not whole for an integer. */
function badNumbers(schema: Schema): fc.Arbitrary<number> {
  const choices: fc.Arbitrary<number>[] = [];
  if (schema.minimum !== undefined) choices.push(fc.constantFrom(schema.minimum - 1, schema.minimum - 1e6, -1e308));
  if (schema.exclusiveMinimum !== undefined) choices.push(fc.constantFrom(schema.exclusiveMinimum, -1e308));
  if (schema.maximum !== undefined) choices.push(fc.constantFrom(schema.maximum + 1, schema.maximum + 1e6, 1e308));
  if (schema.exclusiveMaximum !== undefined) choices.push(fc.constantFrom(schema.exclusiveMaximum, 1e308));
  if (schema.type === 'integer') choices.push(fc.constantFrom(1.5, 0.1, 2 ** 53 + 0.5));
  // Unbounded: a number that large is refused by any sane field, and the test says so.
  if (choices.length === 0) choices.push(fc.constantFrom(1e308, -1e308));
  return fc.oneof(...choices);
}

/** Values this schema refuses, for a field whose well-formed value is `valid`. */
function badValues(schema: Schema, valid: unknown): fc.Arbitrary<unknown> {
  const form = mainForm(schema);
  const kinds = allowedKinds(schema);
  const wrongKinds = Object.entries(VALUES_BY_KIND)
    .filter(([kind]) => !kinds.has(kind))
    .flatMap(([, values]) => values);
  const choices: fc.Arbitrary<unknown>[] = [...oneOfValues(wrongKinds)];
  if (kinds.has('string') && form.type === 'string') choices.push(badStrings(form, typeof valid === 'string' ? valid : 'texte'));
  if (kinds.has('number') && (form.type === 'number' || form.type === 'integer')) choices.push(badNumbers(form));
  if (form.const !== undefined || (form.anyOf ?? schema.anyOf)?.every((f) => f.const !== undefined)) {
    const known = new Set([form.const, ...(schema.anyOf ?? []).map((f) => f.const)]);
    choices.push(...oneOfValues([0, 3, -1, 99].filter((v) => !known.has(v))));
  }
  if (form.type === 'array') {
    const items = valid instanceof Array && valid.length ? valid : ['texte'];
    choices.push(fc.constant(Array.from({ length: (form.maxItems ?? 10_000) + 1 }, (_, i) => items[i % items.length])));
  }
  return fc.oneof(...choices);
}

/** Query-string values this schema refuses (a query value is always text). */
function badQueryValues(schema: Schema, valid: string | undefined): fc.Arbitrary<string | string[]> {
  const form = mainForm(schema);
  const choices: fc.Arbitrary<string | string[]>[] = [fc.constant([valid ?? 'a', valid ?? 'b'])]; // the key twice: a list
  if (form.type === 'integer' || form.type === 'number') {
    const bad = ['abc', '1.5', '12abc', 'NaN', 'Infinity', '1e400', '-1'];
    if (form.minimum !== undefined && form.minimum >= 1) bad.push('0', '', ' ');
    if (form.maximum !== undefined) bad.push(String(form.maximum + 1), String(2 ** 53));
    choices.push(fc.constantFrom(...bad));
  }
  if (form.type === 'string') {
    // Long, but within what an HTTP request line may carry: beyond that the HTTP parser answers alone.
    // Lone surrogates cannot be written in a URL (they are not UTF-8): the body carries those.
    const noSurrogate = (v: string) => v.replace(/[\uD800-\uDFFF]/g, '\u0000');
    choices.push(badStrings(form, valid ?? 'texte', 2_500).map(noSurrogate));
  }
  return fc.oneof(...choices);
}

const BAD_PATH_SEGMENTS = [
  'pas-un-uuid',
  '%00',
  `${randomUUID()}%00`,
  '%E0%A4%A',
  '%C0%AF',
  '%FF',
  'x'.repeat(500),
  '%20',
  '%E2%80%AE',
  '0',
  '-1',
  'null',
  '%7B%7D',
  '..%2F..%2Fetc',
];

/** Raw bodies the HTTP layer refuses before any schema: not JSON, not our content type, too big, too deep. */
const RAW_BODIES: { raw: string; contentType: string | undefined; kind: string }[] = [
  { raw: '{', contentType: 'application/json', kind: 'malformed JSON' },
  { raw: '{"a":', contentType: 'application/json', kind: 'malformed JSON' },
  { raw: '[1,]', contentType: 'application/json', kind: 'malformed JSON' },
  { raw: '\u0000', contentType: 'application/json', kind: 'malformed JSON' },
  { raw: "{'a':1}", contentType: 'application/json', kind: 'malformed JSON' },
  { raw: '', contentType: 'application/json', kind: 'empty JSON body' },
  { raw: '{"__proto__":{"admin":true}}', contentType: 'application/json', kind: 'prototype pollution' },
  { raw: '{"constructor":{"prototype":{"admin":true}}}', contentType: 'application/json', kind: 'prototype pollution' },
  { raw: '['.repeat(50_000) + ']'.repeat(50_000), contentType: 'application/json', kind: 'deep nesting' },
  { raw: '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000), contentType: 'application/json', kind: 'deep nesting' },
  { raw: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded', kind: 'wrong content type' },
  { raw: 'texte', contentType: 'text/plain', kind: 'wrong content type' },
  { raw: '<a/>', contentType: 'application/xml', kind: 'wrong content type' },
  { raw: '{}', contentType: undefined, kind: 'no content type' },
  { raw: '{"a":"' + 'x'.repeat(1_100_000) + '"}', contentType: 'application/json', kind: 'too large' },
];

// ---------------------------------------------------------------------------------------------
// Well-formed values from a schema, for routes without a sample

function wellFormed(schema: Schema): unknown {
  const form = mainForm(schema);
  if (form.default !== undefined) return form.default;
  if (form.const !== undefined) return form.const;
  if (form.enum) return form.enum[0];
  switch ([form.type].flat()[0]) {
    case 'object':
      return Object.fromEntries((form.required ?? []).map((key) => [key, wellFormed(form.properties?.[key] ?? {})]));
    case 'array':
      return Array.from({ length: form.minItems ?? 0 }, () => wellFormed(form.items ?? {}));
    case 'integer':
    case 'number':
      return form.minimum ?? (form.maximum !== undefined ? Math.min(form.maximum, 1) : 1);
    case 'boolean':
      return false;
    case 'string':
      if (form.format === 'date') return '2026-01-02';
      if (form.format === 'date-time') return '2026-01-02T10:00:00Z';
      if (form.format === 'uuid') return randomUUID();
      if (form.format === 'email') return 'fuzz@example.org';
      if (form.pattern) {
        try {
          return fc.sample(fc.stringMatching(new RegExp(form.pattern)), { numRuns: 1, seed: 1 })[0];
        } catch {
          return 'texte';
        }
      }
      return 'x'.repeat(Math.max(form.minLength ?? 1, 1));
    default:
      return 'texte';
  }
}

/** Every field of a body (nested ones too), with its schema: where a malformed value may go. */
function fieldsOf(schema: Schema, path: string[] = []): { path: string[]; schema: Schema }[] {
  const form = mainForm(schema);
  const here = path.length ? [{ path, schema }] : [];
  if (form.type !== 'object' || !form.properties) return here;
  return [...here, ...Object.entries(form.properties).flatMap(([key, child]) => fieldsOf(child, [...path, key]))];
}

/** Objects of a body, for an unknown field; only those that refuse one (additionalProperties: false). */
function strictObjectsOf(schema: Schema, path: string[] = []): string[][] {
  const form = mainForm(schema);
  if (form.type !== 'object') return [];
  const own = form.additionalProperties === false ? [path] : [];
  return [...own, ...Object.entries(form.properties ?? {}).flatMap(([key, child]) => strictObjectsOf(child, [...path, key]))];
}

function valueAt(value: unknown, path: string[]): unknown {
  return path.reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), value);
}

function withValueAt(value: unknown, path: string[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [key, ...rest] = path as [string, ...string[]];
  const object = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  return { ...object, [key]: withValueAt(object[key], rest, replacement) };
}

function withoutValueAt(value: unknown, path: string[]): unknown {
  const [key, ...rest] = path as [string, ...string[]];
  const object = { ...(value as Record<string, unknown>) };
  if (rest.length === 0) delete object[key];
  else object[key] = withoutValueAt(object[key], rest);
  return object;
}

// ---------------------------------------------------------------------------------------------
// Cases

function clientFor(route: Route, pick: number): ClientName {
  if (route.policy === 'public') return 'anonymous';
  if (route.policy === 'professional' || route.path.includes('teleconsultation-billing') || route.path.startsWith('/api/v1/care/'))
    return 'practitioner';
  if (route.path.includes(':organisationId')) return 'admin';
  if (route.path.includes(':patientId') || route.path.startsWith('/api/v1/me/')) return 'patient';
  return (['patient', 'practitioner', 'admin'] as const)[pick % 3]!;
}

const hasBody = (route: Route) => !['GET', 'HEAD', 'DELETE'].includes(route.method);

/**
 * Whether the request a route's cases are one field off is known to be well-formed: its body and
 * query come from a sample (or it takes neither), its path parameters are the demo's ids.
 */
function isTrusted(route: Route, ids: Record<string, string>): boolean {
  const sampled = Boolean(SAMPLE_BODIES[route.key] ?? SAMPLE_QUERIES[route.key]) || (!route.body && !route.query.some((p) => p.required));
  return sampled && route.params.every((p) => ids[p.name] !== undefined);
}

/** The well-formed request a case is one field off. */
function baseline(route: Route, ids: Record<string, string>) {
  const params = Object.fromEntries(route.params.map((p) => [p.name, ids[p.name] ?? randomUUID()]));
  const query = SAMPLE_QUERIES[route.key] ?? {};
  const body = hasBody(route) ? (SAMPLE_BODIES[route.key] ?? (route.body ? wellFormed(route.body) : undefined)) : undefined;
  return { params, query, body };
}

/** The cases of one route, as an arbitrary: one malformed part each. */
function casesOf(route: Route, ids: Record<string, string>): fc.Arbitrary<Case> {
  const base = baseline(route, ids);
  const trusted = isTrusted(route, ids);
  const make = (kind: string, change: Partial<Omit<Case, 'route' | 'kind'>>) => (client: ClientName) => ({
    route,
    client,
    kind,
    trusted,
    params: base.params,
    query: Object.entries(base.query),
    ...(base.body !== undefined ? { body: { json: base.body } } : {}),
    ...change,
  });
  const kinds: fc.Arbitrary<(client: ClientName) => Case>[] = [];

  if (route.body && base.body !== undefined) {
    const fields = fieldsOf(route.body);
    if (fields.length)
      kinds.push(
        fc
          .constantFrom(...fields)
          .chain(({ path, schema }) =>
            badValues(schema, valueAt(base.body, path)).map((bad) =>
              make('body: malformed value', { field: path.join('.'), body: { json: withValueAt(base.body, path, bad) } }),
            ),
          ),
      );
    const required = fields.filter(({ path }) => {
      const parent = path.length === 1 ? route.body! : mainForm(valueAtSchema(route.body!, path.slice(0, -1)));
      return (parent.required ?? []).includes(path.at(-1)!) && valueAt(base.body, path.slice(0, -1)) !== undefined;
    });
    if (required.length)
      kinds.push(
        fc
          .constantFrom(...required)
          .map(({ path }) =>
            make('body: required field left out', { field: path.join('.'), body: { json: withoutValueAt(base.body, path) } }),
          ),
      );
    const objects = strictObjectsOf(route.body).filter((path) => path.length === 0 || valueAt(base.body, path) !== undefined);
    if (objects.length)
      kinds.push(
        fc
          .tuple(fc.constantFrom(...objects), fc.constantFrom('inconnu', 'isAdmin', 'role ', 'id', '\u0000', 'é'.repeat(300)))
          .map(([path, key]) =>
            make('body: unknown field', {
              field: [...path, key].join('.'),
              body: { json: withValueAt(base.body, [...path, key], 'valeur') },
            }),
          ),
      );
    kinds.push(
      fc
        // An empty list is a well-formed batch where a route takes one (rules).
        .constantFrom(null, 'texte', 42, deepArray(2_000), ...(allowedKinds(route.body).has('array') ? [] : [[]]))
        .map((json) => make('body: not an object', { field: '(body)', body: { json } })),
    );
  }
  if (hasBody(route)) {
    kinds.push(fc.constantFrom(...RAW_BODIES).map(({ raw, contentType, kind }) => make(`body: ${kind}`, { body: { raw, contentType } })));
    if (!route.body)
      kinds.push(
        fc
          .constantFrom({ inconnu: 1 }, { a: { b: 'c' } })
          .map((json) => make('body: not taken', { field: Object.keys(json)[0], body: { json } })),
      );
  }
  for (const parameter of route.query) {
    kinds.push(
      badQueryValues(parameter.schema, base.query[parameter.name]).map((bad) => {
        const rest = Object.entries(base.query).filter(([name]) => name !== parameter.name);
        const values = [bad].flat().map((v): [string, string] => [parameter.name, v]);
        return make('query: malformed value', { field: `querystring.${parameter.name}`, query: [...rest, ...values] });
      }),
    );
  }
  // An unknown query parameter, except where the route lets the provider add its own (OIDC callback).
  if (route.key !== 'GET /api/v1/auth/oidc/callback')
    kinds.push(
      fc
        .constantFrom('inconnu', 'limit[]', '__proto__', 'q\u0000', 'x'.repeat(300))
        .map((name) =>
          make('query: unknown parameter', { field: `querystring.${name}`, query: [...Object.entries(base.query), [name, '1']] }),
        ),
    );
  for (const parameter of route.params) {
    kinds.push(
      fc
        .constantFrom(...BAD_PATH_SEGMENTS, ...(parameter.schema.enum ? ['x', 'TELECONSULTATION'] : []))
        .map((segment) => make('path: malformed parameter', { params: { ...base.params, [parameter.name]: segment } })),
    );
  }
  return fc.tuple(fc.oneof(...kinds), fc.nat(), fc.nat({ max: 9 })).map(([build, pick, anonymous]) =>
    // One request in ten as nobody: refused at the door, still in our words.
    build(anonymous === 0 ? 'anonymous' : clientFor(route, pick)),
  );
}

function valueAtSchema(schema: Schema, path: string[]): Schema {
  return path.reduce<Schema>((s, key) => mainForm(s).properties?.[key] ?? {}, schema);
}

/** A few deterministic cases per route: the findings of the first probe, so that each is always tried. */
function systematicCases(route: Route, ids: Record<string, string>): Case[] {
  const base = baseline(route, ids);
  const cases: Case[] = [];
  const client = clientFor(route, 0);
  const common = { route, client, params: base.params, query: Object.entries(base.query), trusted: isTrusted(route, ids) };
  if (route.body && base.body !== undefined) {
    for (const { path, schema } of fieldsOf(route.body)) {
      const form = mainForm(schema);
      if (form.type !== 'string') continue;
      const valid = valueAt(base.body, path);
      const bad = [`${typeof valid === 'string' ? valid : 'texte'}\u0000`, 'x'.repeat(10_000)];
      if (form.format === 'date') bad.push('0000-01-01');
      if (form.format === 'date-time') bad.push('0000-01-01T00:00:00Z');
      for (const value of bad)
        cases.push({
          ...common,
          kind: 'body: NUL, huge or year 0000',
          field: path.join('.'),
          body: { json: withValueAt(base.body, path, value) },
        });
    }
  }
  for (const parameter of route.query) {
    const form = mainForm(parameter.schema);
    const values = form.type === 'string' ? ['a\u0000b', 'x'.repeat(Math.min((form.maxLength ?? 1_999) + 1, 2_500))] : ['-1', 'abc'];
    if (form.format === 'date-time') values.push('0000-01-01T00:00:00Z', '0000-01-01T00:00:00.000Z');
    for (const value of values) {
      const rest = Object.entries(base.query).filter(([name]) => name !== parameter.name);
      cases.push({
        ...common,
        kind: 'query: NUL, huge or year 0000',
        field: `querystring.${parameter.name}`,
        query: [...rest, [parameter.name, value]],
      });
    }
  }
  for (const parameter of route.params) {
    cases.push({ ...common, kind: 'path: NUL', params: { ...base.params, [parameter.name]: '%00' } });
  }
  return cases.map((c) => (base.body !== undefined && !c.body ? { ...c, body: { json: base.body } } : c));
}

// ---------------------------------------------------------------------------------------------
// What must hold of every answer

/** Zod's own wording, in either language: a message must be ours. */
const ZOD_WORDING =
  /Invalid (input|option|string|key)|Too (small|big)|expected (a|an|one|string|number|boolean|object|array)|received|Unrecognized key|must match pattern|Entrée invalide|Option invalide|Trop (petit|grand)|chaîne de caractères|Clé non reconnue|>=|<=/i;

interface Answer {
  status: number;
  contentType: string;
  body: unknown;
}

/**
 * Routes of a shared contract (rules, triage) whose domain words its own issues and names the field
 * from the body's root for a batch (`[2].patient.age`), as their command line does.
 */
const CONTRACT_ROUTES = new Set(['POST /api/v1/rules/evaluate', 'POST /api/v1/triage/orient']);

function problemsWith(c: Case, answer: Answer): string[] {
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`a ${answer.status}`);
  if (!answer.contentType.startsWith('application/problem+json'))
    problems.push(`content type ${answer.contentType || 'none'} for a ${answer.status}`);
  if (answer.status < 400) problems.push(`accepted (${answer.status})`);
  const problem = (answer.body ?? {}) as { type?: string; errors?: { field?: unknown; code?: unknown; message?: unknown }[] };
  if (answer.status === 400 && problem.type === 'urn:parcours:problem:validation') {
    const errors = problem.errors ?? [];
    if (errors.length === 0) problems.push('a validation problem without errors');
    for (const error of errors) {
      if (typeof error.field !== 'string' || error.field === '') problems.push(`an error naming no field: ${JSON.stringify(error)}`);
      if (typeof error.code !== 'string' || typeof error.message !== 'string' || error.message === '')
        problems.push(`an error without code or message: ${JSON.stringify(error)}`);
      // The rules engine words its own issues, naming the field for the command line (domain/rules/validation.ts).
      if (CONTRACT_ROUTES.has(c.route.key)) continue;
      if (typeof error.message === 'string' && ZOD_WORDING.test(error.message)) problems.push(`zod's wording: ${error.message}`);
      // A path (`identity.birthDate`) or a property name (`birthDate`) is no word of a sentence.
      const isPath = typeof error.field === 'string' && /[.[A-Z_]/.test(error.field);
      if (isPath && typeof error.message === 'string' && error.message.includes(String(error.field)))
        problems.push(`a field path in the message: ${error.message}`);
    }
    if (c.field !== undefined && !CONTRACT_ROUTES.has(c.route.key) && c.trusted) {
      const named = errors.some((e) => typeof e.field === 'string' && (e.field === c.field || e.field.startsWith(`${c.field}.`)));
      if (!named) problems.push(`does not name ${c.field}: ${errors.map((e) => String(e.field)).join(', ')}`);
    }
  } else if (answer.status === 400 && c.body && 'json' in c.body && !c.kind.startsWith('path:') && c.kind !== 'body: prototype pollution') {
    // A well-formed JSON body on a well-formed path: only the schema may refuse it, naming the field.
    problems.push(`a 400 of type ${String(problem.type)} for a well-formed JSON body`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Nothing written

/**
 * Columns that change with every request and are no write of the request's: a session's sliding
 * expiry. Everything else of every table of the schema must be the same after the fuzzing.
 */
const MOVING_COLUMNS: Record<string, string[]> = { sessions: ['last_seen_at', 'expires_at'] };
/**
 * Tables a refused request may legitimately change. login_throttle: log-in takes any password a
 * person may once have set, so a malformed one is a wrong one, counted against the account and
 * address like any other. audit_checkpoint: the node signs the trail's heads every few seconds on
 * its own, whatever the requests.
 */
const MAY_CHANGE = new Set(['login_throttle', 'audit_checkpoint']);

async function digest(db: Db): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const result: Record<string, string> = {};
  for (const { name } of tables.rows) {
    if (MAY_CHANGE.has(name)) continue;
    const row = sql.raw(['to_jsonb(t)', ...(MOVING_COLUMNS[name] ?? []).map((column) => `'${column}'`)].join(' - '));
    const { rows } = await sql<{ count: number; hash: string | null }>`
      select count(*)::int as count, md5(string_agg(md5((${row})::text), ',' order by md5((${row})::text))) as hash
      from ${sql.table(name)} t`.execute(db);
    result[name] = `${rows[0]!.count} rows, ${rows[0]!.hash ?? 'empty'}`;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------

/** What in a request schema has no bound: a string without a length, a number without a range, a list without a size. */
function unbounded(schema: Schema, where: string): string[] {
  const found: string[] = [];
  for (const form of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) found.push(...unbounded(form, where));
  const types = [schema.type ?? []].flat();
  const fixed = schema.enum !== undefined || schema.const !== undefined;
  // A pattern without open-ended repetition fixes the length as well (`^\d{5}$`).
  const boundedPattern = schema.pattern !== undefined && !/[*+]|\{\d+,\}/.test(schema.pattern);
  const boundedFormat = ['uuid', 'date', 'date-time', 'time'].includes(schema.format ?? '');
  if (types.includes('string') && !fixed && schema.maxLength === undefined && !boundedPattern && !boundedFormat)
    found.push(`${where}: a string without maxLength`);
  if ((types.includes('number') || types.includes('integer')) && !fixed) {
    const low = schema.minimum ?? schema.exclusiveMinimum;
    const high = schema.maximum ?? schema.exclusiveMaximum;
    if (low === undefined || high === undefined) found.push(`${where}: a number without minimum and maximum`);
  }
  if (types.includes('array') && schema.maxItems === undefined) found.push(`${where}: a list without maxItems`);
  for (const [key, child] of Object.entries(schema.properties ?? {})) found.push(...unbounded(child, `${where}.${key}`));
  if (schema.items) found.push(...unbounded(schema.items, `${where}[]`));
  return found;
}

describe('the OpenAPI document', () => {
  it('bounds every string, number and list a request may carry', async () => {
    const document = (await openApiDocument()) as {
      paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema: Schema }> } }>>;
    };
    const found = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).flatMap(([method, operation]) => {
        const where = `${method.toUpperCase()} ${path}`;
        const body = operation.requestBody?.content?.['application/json']?.schema;
        return [
          ...(operation.parameters ?? []).flatMap((p) => unbounded(p.schema, `${where} ${p.in} ${p.name}`)),
          ...(body ? unbounded(body, `${where} body`) : []),
        ];
      }),
    );
    expect(found).toEqual([]);
  }, 120_000);
});

describeEachDatabase('OpenAPI fuzzing: malformed input is a 4xx problem naming the field, and writes nothing', (database, kind) => {
  let server: RunningServer;
  let routes: Route[];
  const clients = {} as Record<ClientName, ApiClient>;
  const ids: Record<string, string> = {};
  const counts = { requests: 0, statuses: {} as Record<string, number>, kinds: {} as Record<string, number> };

  beforeAll(async () => {
    const db = everyTable(database().db);
    await seedDemo(database().db);
    server = await startTestServer(database());
    clients.anonymous = new ApiClient(server.url);
    clients.patient = new ApiClient(server.url);
    clients.practitioner = new ApiClient(server.url);
    clients.admin = new ApiClient(server.url);
    expect((await clients.patient.login('camille.petit@demo.parcours.fr', DEMO_PASSWORD)).status).toBe(200);
    expect((await clients.practitioner.login('dr.martin@demo.parcours.fr', DEMO_PASSWORD, DEMO_TOTP_SECRET)).status).toBe(204);
    expect((await clients.admin.login('admin@demo.parcours.fr', DEMO_PASSWORD, DEMO_TOTP_SECRET)).status).toBe(204);
    const camille = await db.selectFrom('patients').select('id').where('first_names', '=', 'Camille').executeTakeFirstOrThrow();
    ids.patientId = camille.id;
    ids.organisationId = (await db.selectFrom('organisations').select('id').executeTakeFirstOrThrow()).id;
    const consent = await clients.patient.post<{ id: string }>(
      `/api/v1/patients/${camille.id}/consents`,
      SAMPLE_BODIES['POST /api/v1/patients/:patientId/consents'],
    );
    expect(consent.status).toBe(201);
    ids.consentId = consent.body.id;
    ids.act = 'teleconsultation';
    // Telemonitoring: Camille's enrolment, device credential and open alert (seeded), Dr Martin's organisation.
    SAMPLE_BODIES['POST /api/v1/patients/:patientId/telemonitoring/enrolments']!.organisationId = ids.organisationId;
    const enrolment = await db
      .selectFrom('telemonitoring_enrolments')
      .select('id')
      .where('patient_id', '=', camille.id)
      .executeTakeFirstOrThrow();
    ids.enrolmentId = enrolment.id;
    ids.deviceId = (
      await db.selectFrom('telemonitoring_devices').select('id').where('enrolment_id', '=', enrolment.id).executeTakeFirstOrThrow()
    ).id;
    ids.alertId = (
      await db.selectFrom('telemonitoring_alerts').select('id').where('enrolment_id', '=', enrolment.id).executeTakeFirstOrThrow()
    ).id;

    const openapi = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema: Schema }> } }>>;
    };
    routes = Object.entries(openapi.paths)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, operations]) =>
        Object.entries(operations).map(([method, operation]) => {
          const url = path.replace(/\{(\w+)\}/g, ':$1');
          const key = `${method.toUpperCase()} ${url}`;
          const parameters = operation.parameters ?? [];
          return {
            key,
            method: method.toUpperCase(),
            path: url,
            policy: server.app.routePolicies.get(key) ?? 'public',
            params: parameters.filter((p) => p.in === 'path'),
            query: parameters.filter((p) => p.in === 'query'),
            body: operation.requestBody?.content?.['application/json']?.schema,
          };
        }),
      );
  }, 120_000);
  afterAll(async () => {
    await server?.app.close();
  });

  async function send(c: Case): Promise<Answer> {
    const client = clients[c.client];
    const path = c.route.path.replace(/:(\w+)/g, (_, name: string) => {
      const value = c.params[name]!;
      // Malformed segments are sent as written (percent-escapes included); well-formed ones escaped.
      return /%|\.\./.test(value) ? value : encodeURIComponent(value);
    });
    const query = c.query.length ? '?' + new URLSearchParams(c.query).toString() : '';
    const headers: Record<string, string> = { 'accept-language': counts.requests % 2 ? 'en' : 'fr' };
    if (client.cookie) headers.cookie = client.cookie;
    if (client.csrfToken && c.route.method !== 'GET') headers['x-csrf-token'] = client.csrfToken;
    let body: string | undefined;
    if (c.body && 'json' in c.body) {
      body = JSON.stringify(c.body.json);
      headers['content-type'] = 'application/json';
    } else if (c.body) {
      body = c.body.raw;
      if (c.body.contentType) headers['content-type'] = c.body.contentType;
    }
    // A redirect is an answer of its own (the OIDC callback answers with one): not followed.
    const response = await fetch(server.url + path + query, { method: c.route.method, headers, body, redirect: 'manual' });
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text.slice(0, 200);
    }
    counts.requests++;
    counts.statuses[response.status] = (counts.statuses[response.status] ?? 0) + 1;
    counts.kinds[c.kind] = (counts.kinds[c.kind] ?? 0) + 1;
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: parsed };
  }

  it(`answers ${REQUESTS}+ malformed requests over every route with a 4xx problem naming the field, writing nothing`, async () => {
    const before = await digest(database().db);
    const systematic = routes.flatMap((route) => systematicCases(route, ids));
    const random = fc.sample(
      fc.constantFrom(...routes).chain((route) => casesOf(route, ids)),
      {
        numRuns: Math.max(REQUESTS - systematic.length, routes.length * 20),
        seed: SEED,
      },
    );
    const cases = [...systematic, ...random];
    const failures: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < cases.length) {
          const c = cases[next++]!;
          const answer = await send(c);
          const problems = problemsWith(c, answer);
          if (problems.length && failures.length < 200) {
            const shown = JSON.stringify({ params: c.params, query: c.query, body: c.body }).slice(0, 300);
            failures.push(
              `${c.route.key} as ${c.client}, ${c.kind}: ${problems.join('; ')} — ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)} — sent ${shown}`,
            );
          }
        }
      }),
    );
    const after = await digest(database().db);
    const changed = Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
    // For the lead's note: how many requests, and what came back.
    process.stdout.write(`${JSON.stringify({ fuzz: kind, seed: SEED, routes: routes.length, ...counts })}\n`);
    const written = changed.map((table) => `${table}: ${before[table]} → ${after[table]}`);
    expect({ failures, written }, `seed ${SEED} (FUZZ_SEED=${SEED} replays it)`).toEqual({ failures: [], written: [] });
    expect(counts.requests).toBeGreaterThanOrEqual(2_000);
    expect(counts.statuses['500'] ?? 0).toBe(0);
  }, 600_000);

  it('kept every session alive: no fuzzed request logged anyone out or changed their session', async () => {
    for (const name of ['patient', 'practitioner', 'admin'] as const)
      expect((await clients[name].get('/api/v1/me')).status, name).toBe(200);
  });

  it('takes each sample as well-formed, so that the refusals above were about the field fuzzed', async () => {
    const refused: string[] = [];
    for (const route of routes) {
      if (!SAMPLE_BODIES[route.key] && !SAMPLE_QUERIES[route.key]) continue;
      const base = baseline(route, ids);
      const reply = await send({
        route,
        client: clientFor(route, 0),
        kind: 'sample',
        params: base.params,
        query: Object.entries(base.query),
        ...(base.body !== undefined ? { body: { json: base.body } } : {}),
      });
      const problem = reply.body as { type?: string; errors?: unknown };
      if (reply.status >= 500 || problem?.type === 'urn:parcours:problem:validation')
        refused.push(`${route.key}: ${reply.status} ${JSON.stringify(problem?.errors ?? problem).slice(0, 300)}`);
    }
    expect(refused).toEqual([]);
  });
});
