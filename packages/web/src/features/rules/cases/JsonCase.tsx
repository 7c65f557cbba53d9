import { Alert, Stack, Textarea } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Evaluated } from '../Evaluated.js';

/**
 * Any request of the rules contract, written as JSON — the same the API and `parcours rules evaluate`
 * take: assistance, telemonitoring, identifiers, activity cap, or any case the forms do not cover.
 */
export function JsonCase({ today }: { today: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState(() =>
    JSON.stringify(
      {
        kind: 'telemonitoring',
        date: today,
        indication: 'heart-failure',
        patient: { age: 72 },
        monthsSincePrescription: 3,
      },
      null,
      2,
    ),
  );
  const parsed = useMemo(() => {
    try {
      return { request: JSON.parse(text) as unknown, error: null };
    } catch (error) {
      return { request: null, error: error instanceof Error ? error.message : String(error) };
    }
  }, [text]);
  return (
    <Stack>
      <Textarea
        label={t('simulator.json.label')}
        description={t('simulator.json.hint')}
        autosize
        minRows={8}
        styles={{ input: { fontFamily: 'monospace' } }}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
      />
      {parsed.error !== null ? (
        <Alert color="red.9" variant="light" role="alert" title={t('simulator.json.invalid')}>
          {parsed.error}
        </Alert>
      ) : (
        <Evaluated request={parsed.request} />
      )}
    </Stack>
  );
}
