import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import i18n from 'i18next';
import { zod4Resolver } from 'mantine-form-zod-resolver';
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

/** The catalogue key wording a server issue: the form's own for that field and code, else the shared one for the code. */
export function issueMessageKey(issue: FieldIssue, messages: IssueMessages = {}): string {
  const own = messages[issue.field]?.[issue.code];
  if (own) return own;
  return i18n.exists(`issues.${issue.code}`) ? `issues.${issue.code}` : 'issues.other';
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
  const resolve = zod4Resolver(schema, { errorPriority: 'first' });
  const form = useForm<Values, (values: Values) => Body>({
    mode: 'controlled',
    initialValues: options.initialValues,
    validate: (values) => resolve(values as Record<string, unknown>),
    transformValues: (values) => schema.parse(values),
    // Errors are catalogue keys: worded at each render, so they follow a change of language.
    enhanceGetInputProps: ({ inputProps }) =>
      typeof inputProps.error === 'string' ? { error: t(inputProps.error, messageValues) } : undefined,
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
    const details = mutation.error.errors.filter((issue) => !shown.has(issue.field)).map((issue) => t(issueMessageKey(issue, issues)));
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
