// The vocabulary of every string and date a request may carry: one place decides what text we
// store, so that no module lets through what the database or a screen cannot take. A field is a
// name, an address, a line, prose, a search, an opaque token, a date or an instant; each is bounded
// in length (or range) and refuses control characters. Refusals carry our own issue codes
// (`params.code`), worded in French and English by `validation.ts`.
import { z } from 'zod';

/** The issue codes of this vocabulary, beside zod's own (`too-big`, `invalid-format`…). */
export type TextIssueCode = 'control-character' | 'out-of-range';

/** A person's or a place's name, in one piece. */
export const NAME_MAX_LENGTH = 100;
/** A postal address on one line. */
export const ADDRESS_MAX_LENGTH = 200;
/** A free-text note, a message, a reason. */
export const PROSE_MAX_LENGTH = 5_000;

/**
 * Years a date or an instant may fall in: the years the rules engine accepts (domain calendar,
 * 1900–2199). Wide enough for a birth date or an act, narrow enough that year 0000 or 99999 is a
 * typo refused here rather than by the database (PostgreSQL has no year 0; PGlite refused it with
 * a 500).
 */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2199;
export const FIRST_DAY = `${FIRST_YEAR}-01-01`;
export const LAST_DAY = `${LAST_YEAR}-12-31`;

/**
 * What no stored string may hold: the C0 controls (NUL among them: PostgreSQL refuses it in text,
 * a 500 before), DEL and the C1 controls (\p{Cc}); lone surrogate halves (\p{Cs}: not text, and
 * silently replaced on the way to the database); the line and paragraph separators; and the
 * bidirectional overrides and isolates, which make a name read differently from what it is
 * ("Trojan source" in a patient's access history).
 */
const FORBIDDEN_IN_LINE = /[\p{Cc}\p{Cs}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;
/** Prose may span lines and be indented: the same, but for line feed and tab. */
const FORBIDDEN_IN_PROSE = /(?![\n\t])[\p{Cc}\p{Cs}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

const controlCharacter = { params: { code: 'control-character' satisfies TextIssueCode } };
const hasNoControlInLine = (value: string) => !FORBIDDEN_IN_LINE.test(value);
const hasNoControlInProse = (value: string) => !FORBIDDEN_IN_PROSE.test(value);

interface LineOptions {
  /** At least this many characters once trimmed (default 1: a present field says something). */
  min?: number;
  max: number;
}

/**
 * One line of text as a person types it: trimmed, in Unicode NFC (so that "é" is one way of writing
 * é, for search and uniqueness), bounded, without control characters.
 */
export function line({ min = 1, max }: LineOptions) {
  // Control characters are refused before trimming: a stray one at an end is a mistake to show, not to hide.
  return z.string().refine(hasNoControlInLine, controlCharacter).trim().normalize('NFC').min(min).max(max);
}

/** A name: a person's (given, family, birth, used), an organisation's, a site's, a city's. */
export function name(max: number = NAME_MAX_LENGTH) {
  return line({ max });
}

/** A postal address on one line; may be left empty. */
export function address(max: number = ADDRESS_MAX_LENGTH) {
  return line({ min: 0, max });
}

/** Words to look for in a list; empty means everything. */
export function searchText(max: number = NAME_MAX_LENGTH) {
  return line({ min: 0, max });
}

/**
 * Free text that may span lines (a note, a message, a reason): \n and \t allowed, \r\n read as \n,
 * trimmed, bounded, no other control character.
 */
export function prose({ min = 1, max = PROSE_MAX_LENGTH }: Partial<LineOptions> = {}) {
  return z
    .string()
    .transform((value) => value.replace(/\r\n/g, '\n'))
    .pipe(z.string().refine(hasNoControlInProse, controlCharacter).trim().normalize('NFC').min(min).max(max));
}

/**
 * A value a machine wrote and a machine reads back (an OAuth `state`, a version label): kept as
 * sent, bounded, printable ASCII only (RFC 6749 §A: VSCHAR is %x20-7E).
 */
export function opaque(max: number) {
  return z
    .string()
    .min(1)
    .max(max)
    .regex(/^[\x20-\x7E]*$/);
}

interface DateOptions {
  /** The first day allowed (YYYY-MM-DD), or a function of now (e.g. a birth date: not after today). */
  min?: string | (() => string);
  max?: string | (() => string);
}

/** Today in UTC as YYYY-MM-DD: the latest day a birth date may be, for instance. */
export const today = (): string => new Date().toISOString().slice(0, 10);

/**
 * A calendar day written YYYY-MM-DD (a real one: 2025-02-30 is not), between 1900 and 2199 unless
 * narrowed. Out of range, the issue is `out-of-range` with the bounds, for the message to say them.
 */
export function isoDate(options: DateOptions = {}) {
  return z.iso.date().superRefine((day, ctx) => {
    const min = resolve(options.min) ?? FIRST_DAY;
    const max = resolve(options.max) ?? LAST_DAY;
    // YYYY-MM-DD strings compare in calendar order.
    const first = min > FIRST_DAY ? min : FIRST_DAY;
    const last = max < LAST_DAY ? max : LAST_DAY;
    if (day < first || day > last) ctx.addIssue({ code: 'custom', input: day, params: { code: 'out-of-range', min: first, max: last } });
  });
}

/**
 * An instant written in ISO 8601 with its offset (`2026-03-29T01:30:00Z`, `…+02:00`), in the years
 * 1900–2199: what a timestamptz column stores without surprise on PostgreSQL and PGlite alike.
 */
export function isoDateTime() {
  return z.iso.datetime({ offset: true }).superRefine((instant, ctx) => {
    const year = Number(instant.slice(0, 4));
    if (year < FIRST_YEAR || year > LAST_YEAR)
      ctx.addIssue({ code: 'custom', input: instant, params: { code: 'out-of-range', min: FIRST_DAY, max: LAST_DAY } });
  });
}

function resolve(bound: string | (() => string) | undefined): string | undefined {
  return typeof bound === 'function' ? bound() : bound;
}
