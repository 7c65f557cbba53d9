import { useForm, type FormErrors } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import i18n from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ApiProblem, type FieldIssue } from '../api/problem.js';
import type { ShownProblem } from '../components/ProblemAlert.js';

/** Catalogue keys for the server's issue codes on a field: `{ nir: { custom: 'identity.fields.nirInvalid' } }`. */
export type IssueMessages = Readonly<Record<string, Readonly<Record<string, string>>>>;

export interface ApiFormOptions<Values, Body, Answer> {
  initialValues: Values;
  /**
   * Checks the values before anything is sent, and turns them into the request body (trimmed,
   * empty optional fields left out). Its messages are catalogue keys (`issues.required`).
   */
  schema: z.ZodType<Body>;
  submit: (body: Body) => Promise<Answer>;
  onSuccess?: (answer: Answer, body: Body) => unknown;
  /** How this form words the server's issues, where the shared wording by code (`issues.*`) is too vague. */
  issues?: IssueMessages;
  /** Values for the placeholders of the messages (`{{min}}`). */
  messageValues?: Record<string, unknown>;
}

/**
 * How a server issue is worded: the form's own key for that field and code, else the shared key for
 * the code (both follow a change of language), else the server's own message — ours too, in the
 * person's language, for a code the web does not know yet — and only then a general wording.
 */
export function issueMessageKey(issue: FieldIssue, messages: IssueMessages = {}): string {
  const own = messages[issue.field]?.[issue.code];
  if (own) return own;
  if (i18n.exists(`issues.${issue.code}`)) return `issues.${issue.code}`;
  return issue.message ?? 'issues.other';
}

/** A message of a form: a catalogue key, worded now (in the current language), or a server's words as they are. */
export function wording(message: string, values?: Record<string, unknown>): string {
  return i18n.exists(message) ? i18n.t(message, values) : message;
}

/**
 * The catalogue key wording one of a form schema's issues: the schema's own message when it is a key
 * of our catalogue, else our wording of the issue's code — never the validation library's English,
 * which names types and lists enum values (`expected one of "referred"|"available"…`).
 */
export function formIssueKey(issue: z.core.$ZodIssue): string {
  if (issue.message && i18n.exists(issue.message)) return issue.message;
  const empty = issue.input === undefined || issue.input === null || issue.input === '';
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string' && Number(issue.minimum) <= 1 ? 'issues.required' : 'issues.too-small';
    case 'invalid_type':
      return empty ? 'issues.required' : 'issues.invalid-type';
    case 'invalid_value':
      // Nothing chosen yet is a missing answer, whatever the choices.
      return empty ? 'issues.choose' : 'issues.invalid-value';
    default: {
      const key = `issues.${issue.code.replace(/_/g, '-')}`;
      return i18n.exists(key) ? key : 'issues.other';
    }
  }
}

/** Checks the values against the schema: every field in error at once, each with its first issue, as catalogue keys. */
export function formErrors(schema: z.ZodType, values: unknown): FormErrors {
  // With the input on each issue: an empty answer is said to be missing, whatever it should have been.
  const result = schema.safeParse(values, { reportInput: true });
  if (result.success) return {};
  const errors: FormErrors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    if (!(path in errors)) errors[path] = formIssueKey(issue);
  }
  return errors;
}

/** Every leaf path of the values (`identity.birthDate`): the fields the form shows. */
function leafPaths(values: unknown, prefix = ''): string[] {
  if (typeof values !== 'object' || values === null || Array.isArray(values)) return [prefix];
  return Object.entries(values).flatMap(([key, value]) => leafPaths(value, prefix ? `${prefix}.${key}` : key));
}

/**
 * A form that sends a request: @mantine/form holding the values, the zod schema checking them (its
 * messages, like the server's issue codes, are worded from our catalogue in the current language),
 * a mutation sending them. A refused request puts the server's field issues next to their inputs;
 * the alert keeps its title and whatever no input shows.
 */
export function useApiForm<Values extends object, Body, Answer>(options: ApiFormOptions<Values, Body, Answer>) {
  const { t } = useTranslation();
  const { schema, issues, messageValues } = options;
  const [invalid, setInvalid] = useState(false);
  const form = useForm<Values, (values: Values) => Body>({
    mode: 'controlled',
    initialValues: options.initialValues,
    validate: (values) => formErrors(schema, values),
    transformValues: (values) => schema.parse(values),
    // Errors are catalogue keys: worded at each render, so they follow a change of language.
    enhanceGetInputProps: ({ inputProps }) =>
      typeof inputProps.error === 'string' ? { error: wording(inputProps.error, messageValues) } : undefined,
  });
  const mutation = useMutation({
    mutationFn: options.submit,
    onSuccess: options.onSuccess,
    onError: (error) => {
      if (!(error instanceof ApiProblem)) return;
      const shown = new Set(leafPaths(form.getValues()));
      form.setErrors(
        Object.fromEntries(
          error.errors.filter((issue) => shown.has(issue.field)).map((issue) => [issue.field, issueMessageKey(issue, issues)]),
        ),
      );
    },
  });

  let problem: ShownProblem | null = null;
  if (invalid) problem = { title: t('common.fixFields') };
  else if (mutation.error instanceof ApiProblem) {
    const shown = new Set(leafPaths(form.getValues()));
    const details = mutation.error.errors
      .filter((issue) => !shown.has(issue.field))
      .map((issue) => wording(issueMessageKey(issue, issues)));
    problem = { title: mutation.error.title, details: [...new Set(details)] };
  } else if (mutation.error) problem = { title: t('common.unexpected') };

  const onSubmit = form.onSubmit(
    (body) => {
      setInvalid(false);
      mutation.mutate(body);
    },
    (errors) => {
      setInvalid(true);
      mutation.reset();
      // The first field to correct takes the focus (WCAG 3.3.1: the error is identified where it is).
      const first = Object.keys(errors)[0];
      if (first) form.getInputNode(first)?.focus();
    },
  );

  return { form, mutation, problem, onSubmit };
}
