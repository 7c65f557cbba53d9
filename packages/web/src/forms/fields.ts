import type { GetInputPropsReturnType } from '@mantine/form';
import { z } from 'zod';

// Zod pieces the forms share. Their messages are catalogue keys, worded when shown (useApiForm).

/** A text the person must give: trimmed, not empty, bounded as the server bounds it. */
export const requiredText = (max: number) => z.string().trim().min(1, 'issues.required').max(max, 'issues.too-big');

/** A text the person may leave empty: trimmed, and left out of the body when empty (bodies are strict). */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'issues.too-big')
    .transform((value) => (value === '' ? undefined : value));

/** An e-mail address. */
export const email = z.string().trim().min(1, 'issues.required').max(254, 'issues.too-big').pipe(z.email('issues.email'));

/** A calendar date as a date input gives it (YYYY-MM-DD). */
export const isoDate = (message = 'issues.date') => z.iso.date(message);

/** An optional value checked by one of the domain's functions (NIR, RPPS, FINESS…): its normalized form when valid. */
export const optionalIdentifier = (check: (value: string) => { valid: boolean; normalized: string | null }, message: string) =>
  optionalText(64).superRefine((value, context) => {
    if (value !== undefined && !check(value).valid) context.addIssue({ code: 'custom', message });
  });

/** What a form section needs of the form: the props of its inputs by path (`identity.birthName`). */
export interface InputSource {
  getInputProps(path: string, options?: { type?: 'input' | 'checkbox' }): GetInputPropsReturnType;
}

/** An amount in euros the person may leave empty, typed with a decimal comma or point (`42,50`). */
export const optionalEuros = (message = 'issues.amount') =>
  optionalText(12)
    .refine((text) => text === undefined || /^\d+([.,]\d{1,2})?$/.test(text), message)
    .transform((text) => (text === undefined ? undefined : Number(text.replace(',', '.'))));

/** A date the person may leave empty. */
export const optionalDate = (message = 'issues.date') =>
  optionalText(10).refine((date) => date === undefined || z.iso.date().safeParse(date).success, message);
