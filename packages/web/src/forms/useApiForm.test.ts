import i18n from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FEATURES } from '../app/routes.js';
import { catalogue, LANGUAGES } from '../i18n/index.js';
import { formErrors, issueMessageKey, wording } from './useApiForm.js';

beforeAll(async () => {
  await i18n.init({
    resources: Object.fromEntries(LANGUAGES.map((language) => [language, { translation: catalogue(language, FEATURES) }])),
    lng: 'fr',
    fallbackLng: 'fr',
    interpolation: { escapeValue: false },
  });
});

/** What a person reads for each field in error, in French. */
const shown = (schema: z.ZodType, values: unknown) =>
  Object.fromEntries(Object.entries(formErrors(schema, values)).map(([field, key]) => [field, wording(String(key))]));

describe('the words of a form’s errors', () => {
  it('never shows the validation library’s wording, a type or the values of a list', () => {
    const schema = z.object({
      referral: z.enum(['referred', 'available', 'unavailable', 'none']),
      sector: z.enum(['1', '2']),
      age: z.number(),
      note: z.string().max(3),
      when: z.iso.date(),
    });
    const errors = shown(schema, { referral: '', sector: '3', age: 'x', note: 'long', when: 'hier' });
    expect(errors).toEqual({
      referral: 'Choisissez une réponse.',
      sector: 'Choisissez l’une des réponses proposées.',
      age: 'Valeur invalide.',
      note: 'Valeur trop grande ou trop longue.',
      when: 'Format invalide.',
    });
    for (const message of Object.values(errors)) expect(message).not.toMatch(/["|]|expected|Invalid|string|number/);
  });

  it('names every missing field of an empty form at once, a rule across fields included', () => {
    const schema = z
      .object({
        email: z.string().trim().min(1, 'issues.required'),
        kind: z.enum(['', 'gp', 'midwife']),
        referral: z.enum(['', 'referred', 'none']),
        local: z.enum(['', 'yes', 'no']).refine((answer) => answer !== '', 'issues.choose'),
        sector: z.enum(['1', '2']),
      })
      .refine((v) => v.kind === 'midwife' || v.referral !== '', { path: ['referral'], message: 'issues.choose', when: () => true });
    expect(Object.keys(formErrors(schema, { email: '', kind: '', referral: '', local: '', sector: '' })).sort()).toEqual([
      'email',
      'local',
      'referral',
      'sector',
    ]);
  });

  it('words a server issue by its code from our catalogue, or with the server’s own words for a code it does not know', () => {
    expect(wording(issueMessageKey({ field: 'givenName', code: 'control-character' }))).toMatch(/caractère non autorisé/);
    expect(wording(issueMessageKey({ field: 'start', code: 'in-the-past', message: 'Ce moment est déjà passé.' }))).toBe(
      'Ce moment est déjà passé.',
    );
    expect(wording(issueMessageKey({ field: 'x', code: 'something-new' }))).toBe('Valeur invalide.');
    expect(wording(issueMessageKey({ field: 'rpps', code: 'custom' }, { rpps: { custom: 'identity.organisation.rppsInvalid' } }))).toBe(
      'Le RPPS compte 11 chiffres.',
    );
  });

  it('has each shared wording in French and English', () => {
    const [fr, en] = LANGUAGES.map((language) => (catalogue(language, FEATURES).issues ?? {}) as Record<string, string>);
    expect(Object.keys(en!).sort()).toEqual(Object.keys(fr!).sort());
  });
});
