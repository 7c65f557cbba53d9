import { Alert, Button, Group, NativeSelect, NumberInput, Paper, Stack, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useApiForm } from '../../forms/useApiForm.js';
import { telemonitoringApi, telemonitoringKeys, type ManualReading, type ReadingKind } from './api.js';

/** What a `datetime-local` input holds, for now on this device. */
function localNow(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

const number = z.union([z.number(), z.literal('')]);
const schema = z
  .object({
    kind: z.string(),
    value: number,
    systolic: number,
    diastolic: number,
    effective: z.string().refine((value) => Number.isFinite(Date.parse(value)), 'issues.required'),
  })
  .superRefine((values, context) => {
    const fields = values.kind === 'bloodPressure' ? (['systolic', 'diastolic'] as const) : (['value'] as const);
    for (const field of fields) if (values[field] === '') context.addIssue({ code: 'custom', path: [field], message: 'issues.required' });
  })
  .transform((values): Omit<ManualReading, 'identifier' | 'unit'> => ({
    kind: values.kind as ReadingKind,
    // The device's clock and zone make the offset: an instant, as the server wants it.
    effective: Number.isFinite(Date.parse(values.effective)) ? new Date(values.effective).toISOString() : values.effective,
    ...(values.kind === 'bloodPressure'
      ? { systolic: Number(values.systolic), diastolic: Number(values.diastolic) }
      : { value: Number(values.value) }),
  }));

/**
 * A reading typed in by the patient: the kinds their programme expects, in the programme's units.
 * Each sending carries its own identifier, so that a double tap or a retry counts once.
 */
export function ReadingForm({ patientId, kinds }: { patientId: string; kinds: readonly ReadingKind[] }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const [identifier, setIdentifier] = useState(() => crypto.randomUUID());
  const { form, mutation, problem, onSubmit } = useApiForm({
    initialValues: {
      kind: kinds[0] ?? 'bodyWeight',
      value: '' as number | '',
      systolic: '' as number | '',
      diastolic: '' as number | '',
      effective: localNow(),
    },
    schema,
    submit: (body) =>
      telemonitoringApi.enterReading(patientId, { ...body, identifier, unit: t(`telemonitoring.units.${body.kind}`) || '{grade}' }),
    onSuccess: async () => {
      setSaved(true);
      setIdentifier(crypto.randomUUID());
      form.setValues({ value: '', systolic: '', diastolic: '' });
      await queryClient.invalidateQueries({ queryKey: telemonitoringKeys.all });
    },
  });
  const kind = form.getValues().kind as ReadingKind;
  const unit = t(`telemonitoring.units.${kind}`);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="reading-entry">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id="reading-entry">
            {t('telemonitoring.entry.title')}
          </Title>
          <NativeSelect
            label={t('telemonitoring.entry.kind')}
            data={kinds.map((k) => ({ value: k, label: t(`telemonitoring.kinds.${k}`) }))}
            {...form.getInputProps('kind')}
            onChange={(event) => {
              form.setFieldValue('kind', event.currentTarget.value as ReadingKind);
              setSaved(false);
            }}
          />
          {kind === 'bloodPressure' ? (
            <Group grow align="flex-start">
              <NumberInput
                label={t('telemonitoring.entry.systolic')}
                min={0}
                max={400}
                decimalScale={0}
                {...form.getInputProps('systolic')}
              />
              <NumberInput
                label={t('telemonitoring.entry.diastolic')}
                min={0}
                max={300}
                decimalScale={0}
                {...form.getInputProps('diastolic')}
              />
            </Group>
          ) : (
            <NumberInput
              label={unit ? t('telemonitoring.entry.value', { unit }) : t(`telemonitoring.kinds.${kind}`)}
              min={0}
              max={10_000}
              decimalScale={2}
              decimalSeparator={i18n.language === 'en' ? '.' : ','}
              {...form.getInputProps('value')}
            />
          )}
          <TextInput type="datetime-local" label={t('telemonitoring.entry.when')} {...form.getInputProps('effective')} />
          <ProblemAlert problem={problem} />
          {saved && !mutation.isPending ? (
            <Alert color="green.9" variant="light" role="status">
              {t('telemonitoring.entry.saved')}
            </Alert>
          ) : null}
          <Group>
            <Button type="submit" loading={mutation.isPending}>
              {t('telemonitoring.entry.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
