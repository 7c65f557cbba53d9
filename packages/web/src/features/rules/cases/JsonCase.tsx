import { Alert, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Evaluated } from '../Evaluated.js';

/** The text as JSON, or `invalid` (the parser's own message is not for people). */
function parse(text: string): { request: unknown } | 'invalid' {
  try {
    return { request: JSON.parse(text) as unknown };
  } catch {
    return 'invalid';
  }
}

/**
 * Any request of the rules contract, written as JSON — the same the API and `parcours rules evaluate`
 * take: assistance, telemonitoring, identifiers, activity cap, or any case the forms do not cover.
 */
export function JsonCase({ today }: { today: string }) {
  const { t } = useTranslation();
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      text: JSON.stringify(
        { kind: 'telemonitoring', date: today, indication: 'heart-failure', patient: { age: 72 }, monthsSincePrescription: 3 },
        null,
        2,
      ),
    },
  });
  const { text } = form.getValues();
  const parsed = useMemo(() => parse(text), [text]);
  return (
    <Stack>
      <Textarea
        label={t('rules.json.label')}
        description={t('rules.json.hint')}
        autosize
        minRows={8}
        styles={{ input: { fontFamily: 'monospace' } }}
        {...form.getInputProps('text')}
      />
      {parsed === 'invalid' ? (
        <Alert color="red.9" variant="light" role="alert" title={t('rules.json.invalid')} />
      ) : (
        <Evaluated request={parsed.request} />
      )}
    </Stack>
  );
}
