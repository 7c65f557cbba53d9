import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { address, isoDate, isoDateTime, name, prose, searchText, today } from './text.js';
import { fieldIssues } from './validation.js';

/** What a client reads for a value refused by `schema`, in French then English. */
function refusal(schema: z.ZodType, value: unknown) {
  const result = z.object({ field: schema }).strict().safeParse({ field: value }, { reportInput: true });
  if (result.success) return undefined;
  return { fr: fieldIssues(result.error.issues, 'fr'), en: fieldIssues(result.error.issues, 'en') };
}

describe('the text vocabulary', () => {
  it('refuses NUL and every other C0 or C1 control, DEL and lone surrogates in a name, wherever they are', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 20 }),
        fc.oneof(fc.integer({ min: 0, max: 0x1f }), fc.integer({ min: 0x7f, max: 0x9f }), fc.integer({ min: 0xd800, max: 0xdfff })),
        fc.string({ maxLength: 20 }),
        (before, code, after) => {
          const issues = refusal(name(), `${before}${String.fromCharCode(code)}${after}`);
          expect(issues?.en).toEqual([
            { field: 'field', code: 'control-character', message: expect.stringContaining('not allowed') as string },
          ]);
        },
      ),
    );
    expect(refusal(name(), 'Anne\u0000')?.fr[0]!.message).toBe(
      'Contient un caractère non autorisé (caractère de contrôle ou de mise en forme invisible).',
    );
  });

  it('refuses a bidirectional override that would make a name read as another', () => {
    expect(refusal(name(), 'Dr \u202Eniram')?.en[0]!.code).toBe('control-character');
    expect(refusal(searchText(), 'a\u2066b')?.en[0]!.code).toBe('control-character');
  });

  it('bounds names to 100 characters and addresses to 200, saying so in our words', () => {
    expect(refusal(name(), 'x'.repeat(100))).toBeUndefined();
    expect(refusal(name(), 'x'.repeat(10_000))).toEqual({
      fr: [{ field: 'field', code: 'too-big', message: 'Au plus 100 caractères.' }],
      en: [{ field: 'field', code: 'too-big', message: 'At most 100 characters.' }],
    });
    expect(refusal(address(), 'x'.repeat(201))?.en[0]!.message).toBe('At most 200 characters.');
    expect(refusal(name(), '   ')?.fr).toEqual([{ field: 'field', code: 'too-small', message: 'Renseignez ce champ.' }]);
  });

  it('trims and composes names (NFC), so that one name is written one way', () => {
    expect(name().parse('  Me\u0301lanie ')).toBe('Mélanie');
  });

  it('lets prose span lines and be indented, but nothing else', () => {
    expect(prose().parse('Douleur depuis hier.\r\n\t- fièvre\n')).toBe('Douleur depuis hier.\n\t- fièvre');
    expect(refusal(prose(), 'a\u0000b')?.en[0]!.code).toBe('control-character');
    expect(refusal(prose(), 'a\u000Bb')?.en[0]!.code).toBe('control-character');
  });

  it('keeps dates and instants within 1900–2199, refusing year 0000 with the range in the message', () => {
    expect(refusal(isoDate(), '0000-01-01')).toEqual({
      fr: [{ field: 'field', code: 'out-of-range', message: 'Doit être comprise entre le 01/01/1900 et le 31/12/2199.' }],
      en: [{ field: 'field', code: 'out-of-range', message: 'Must be between 1900-01-01 and 2199-12-31.' }],
    });
    expect(refusal(isoDate(), '2024-02-30')?.en[0]!.code).toBe('invalid-format');
    expect(refusal(isoDate({ max: today }), '2999-01-01')?.en[0]!.code).toBe('out-of-range');
    expect(refusal(isoDateTime(), '0000-01-01T00:00:00Z')?.en[0]!.code).toBe('out-of-range');
    expect(refusal(isoDateTime(), '2026-03-29T02:30:00+02:00')).toBeUndefined();
  });
});

describe('validation messages', () => {
  it('are ours: never zod’s wording, a list of values or a field path', () => {
    const schema = z
      .object({ sex: z.enum(['F', 'M', 'I']), birth: z.object({ date: isoDate() }).strict(), count: z.number().int().max(9) })
      .strict();
    const result = schema.safeParse({ sex: 'X', birth: { date: 'demain' }, count: 1.5, extra: 1 }, { reportInput: true });
    const issues = fieldIssues(result.error!.issues, 'fr');
    expect(issues).toEqual([
      { field: 'sex', code: 'invalid-value', message: 'Choisissez l’une des valeurs proposées.' },
      { field: 'birth.date', code: 'invalid-format', message: 'Date invalide : un jour réel, écrit AAAA-MM-JJ.' },
      { field: 'count', code: 'invalid-type', message: 'Doit être un nombre entier.' },
      { field: 'extra', code: 'unknown-field', message: 'Information non attendue.' },
    ]);
  });

  it('name every missing field at once', () => {
    const result = z.object({ a: name(), b: isoDate(), c: z.boolean() }).strict().safeParse({}, { reportInput: true });
    expect(fieldIssues(result.error!.issues, 'en')).toEqual([
      { field: 'a', code: 'invalid-type', message: 'Fill in this field.' },
      { field: 'b', code: 'invalid-type', message: 'Fill in this field.' },
      { field: 'c', code: 'invalid-type', message: 'Fill in this field.' },
    ]);
  });
});
