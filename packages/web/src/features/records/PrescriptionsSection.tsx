import { Anchor, Badge, Button, Group, NativeSelect, NumberInput, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ProblemAlert.js';
import { prescriptionPdfUrl, recordsApi, type PrescriptionBody, type Report } from './api.js';

const KINDS = ['medication', 'lab', 'imaging', 'nursing', 'physiotherapy'] as const;
const ROUTES = [
  'oral',
  'sublingual',
  'cutaneous',
  'transdermal',
  'inhalation',
  'nasal',
  'ophthalmic',
  'otic',
  'rectal',
  'vaginal',
  'subcutaneous',
  'intramuscular',
  'intravenous',
] as const;

type Kind = (typeof KINDS)[number];

const EMPTY = {
  medication: '',
  dose: 1 as number | string,
  unit: '',
  route: 'oral' as (typeof ROUTES)[number],
  times: 1 as number | string,
  durationDays: 5 as number | string,
  quantity: '',
  description: '',
  instructions: '',
};

/** The report's prescriptions, and while it is a draft, the form to add one (medications after the e-prescription guide). */
export function PrescriptionsSection({ report, onChange }: { report: Report; onChange: (next: Report) => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>('medication');
  const [values, setValues] = useState(EMPTY);
  const set = (name: keyof typeof EMPTY) => (value: string | number) => setValues({ ...values, [name]: value });
  const text = (name: keyof typeof EMPTY) => ({
    value: String(values[name]),
    onChange: (event: { currentTarget: { value: string } }) => set(name)(event.currentTarget.value),
  });
  const add = useMutation({
    mutationFn: () => recordsApi.prescribe(report.id, bodyOf(kind, values)),
    onSuccess: (next) => {
      setValues(EMPTY);
      onChange(next);
    },
  });
  const withdraw = useMutation({ mutationFn: (id: string) => recordsApi.withdraw(report.id, id), onSuccess: onChange });
  const draft = report.status === 'draft';
  return (
    <Stack gap="xs">
      <Title order={2}>{t('records.prescription.title')}</Title>
      {report.prescriptions.length === 0 ? <Text size="sm">{t('records.prescription.none')}</Text> : null}
      {report.prescriptions.map((p) => (
        <Group key={p.id} gap="sm" wrap="wrap">
          <Text size="sm" fw={700}>
            {t(`records.prescription.kinds.${p.kind}`)} — {t('records.prescription.number', { number: p.number })}
          </Text>
          <Badge variant="light" color="gray.8">
            {t(`records.prescription.statuses.${p.status}`)}
          </Badge>
          <Anchor size="sm" href={prescriptionPdfUrl(p.id)} download>
            {t('records.prescription.pdf', { number: p.number })}
          </Anchor>
          {p.status === 'draft' || p.status === 'issued' ? (
            <Button
              size="xs"
              variant="subtle"
              color="red.9"
              aria-label={t('records.prescription.withdrawLabel', { number: p.number })}
              onClick={() => withdraw.mutate(p.id)}
            >
              {t('records.prescription.withdraw')}
            </Button>
          ) : null}
        </Group>
      ))}
      <ErrorAlert error={withdraw.error} />
      {draft ? (
        <Stack gap="xs">
          <NativeSelect
            label={t('records.prescription.kind')}
            value={kind}
            onChange={(event) => setKind(event.currentTarget.value as Kind)}
            data={KINDS.map((k) => ({ value: k, label: t(`records.prescription.kinds.${k}`) }))}
            maw={320}
          />
          {kind === 'medication' ? (
            <>
              <TextInput label={t('records.prescription.medication')} {...text('medication')} />
              <Group grow wrap="wrap">
                <NumberInput label={t('records.prescription.dose')} min={0} value={values.dose} onChange={set('dose')} miw={140} />
                <TextInput label={t('records.prescription.doseUnit')} {...text('unit')} miw={140} />
                <NativeSelect
                  label={t('records.prescription.route')}
                  value={values.route}
                  onChange={(event) => set('route')(event.currentTarget.value)}
                  data={ROUTES.map((r) => ({ value: r, label: t(`records.prescription.routes.${r}`) }))}
                  miw={140}
                />
              </Group>
              <Group grow wrap="wrap">
                <NumberInput
                  label={t('records.prescription.timesPerDay')}
                  min={1}
                  max={24}
                  value={values.times}
                  onChange={set('times')}
                  miw={140}
                />
                <NumberInput
                  label={t('records.prescription.durationDays')}
                  min={1}
                  max={365}
                  value={values.durationDays}
                  onChange={set('durationDays')}
                  miw={140}
                />
                <TextInput label={t('records.prescription.quantity')} {...text('quantity')} miw={140} />
              </Group>
            </>
          ) : (
            <TextInput label={t('records.prescription.description')} {...text('description')} />
          )}
          <Textarea label={t('records.prescription.instructions')} autosize minRows={1} {...text('instructions')} />
          <ErrorAlert error={add.error} />
          <Group>
            <Button variant="default" onClick={() => add.mutate()} loading={add.isPending}>
              {t('records.prescription.add')}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Stack>
  );
}

function bodyOf(kind: Kind, v: typeof EMPTY): PrescriptionBody {
  if (kind !== 'medication') return { kind, items: [{ description: v.description, instructions: v.instructions }] };
  return {
    kind,
    items: [
      {
        medication: v.medication,
        dose: { value: Number(v.dose), unit: v.unit },
        route: v.route,
        frequency: { times: Number(v.times), period: 1, periodUnit: 'd' },
        durationDays: Number(v.durationDays),
        quantity: v.quantity,
        instructions: v.instructions,
        substitutable: true,
      },
    ],
  };
}
