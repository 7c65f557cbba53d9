import { Alert, Anchor, Button, Checkbox, Group, NativeSelect, NumberInput, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { evaluate, explain, type RulesCode, type SickLeaveDecision } from '@parcours/domain';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ProblemAlert.js';
import { recordsApi, sickLeavePdfUrl, type Report, type SickLeaveBody } from './api.js';
import { day } from './format.js';

const OUTINGS = ['none', 'allowed', 'free'] as const;
const AMELIPRO = 'https://espacepro.ameli.fr/';

/**
 * The sick-leave notice (arrêt de travail): the rules' `sick-leave` kind runs here first, on the
 * day of the act (3 days at most by telemedicine, its exceptions), and says why when it refuses;
 * the server decides again before keeping it.
 */
export function SickLeaveSection({ report, onChange }: { report: Report; onChange: (next: Report) => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'fr';
  const [form, setForm] = useState({
    startsOn: report.actStartedAt.slice(0, 10),
    days: 1 as number | string,
    existingLeaveDays: 0 as number | string,
    motive: '',
    outings: 'allowed' as (typeof OUTINGS)[number],
    isTreatingDoctor: false,
    patientJustifiesNoInPersonAccess: false,
  });
  const [refusal, setRefusal] = useState<SickLeaveDecision | null>(null);
  const body = (): SickLeaveBody => ({
    ...form,
    days: Number(form.days),
    existingLeaveDays: Number(form.existingLeaveDays),
    isReferenceMidwife: false,
  });
  const issue = useMutation({
    mutationFn: () => recordsApi.sickLeave(report.id, body()),
    onSuccess: (next) => {
      setForm({ ...form, motive: '' });
      onChange(next);
    },
  });
  const check = () => {
    const decision = evaluate({
      kind: 'sick-leave',
      date: report.actStartedAt.slice(0, 10),
      prescriber: { isTreatingDoctor: form.isTreatingDoctor },
      requestedDays: Math.max(1, Number(form.days) || 1),
      existingLeaveDays: Math.max(0, Number(form.existingLeaveDays) || 0),
      patientJustifiesNoInPersonAccess: form.patientJustifiesNoInPersonAccess,
    });
    setRefusal(decision.allowed ? null : decision);
    if (decision.allowed) issue.mutate();
  };
  const reasons = (codes: readonly string[]) => codes.map((code) => explain(code as RulesCode)?.[language] ?? code).join(' ');
  return (
    <Stack gap="xs">
      <Title order={2}>{t('records.sickLeave.title')}</Title>
      {report.sickLeaves.map((s) => (
        <Group key={s.id} gap="sm" wrap="wrap">
          <Text size="sm">
            {t('records.sickLeave.issued', {
              from: day(s.startsOn, i18n.language),
              to: day(s.endsOn, i18n.language),
              days: s.days,
              number: s.number,
            })}
          </Text>
          <Anchor size="sm" href={sickLeavePdfUrl(s.id)} download>
            {t('records.sickLeave.pdf', { number: s.number })}
          </Anchor>
          {s.status === 'issued' ? (
            <Anchor size="sm" href={AMELIPRO} target="_blank" rel="noreferrer">
              {t('records.sickLeave.amelipro')}
            </Anchor>
          ) : null}
        </Group>
      ))}
      {report.status === 'draft' ? (
        <Stack gap="xs">
          <Group grow wrap="wrap">
            <TextInput
              type="date"
              label={t('records.sickLeave.startsOn')}
              value={form.startsOn}
              onChange={(event) => setForm({ ...form, startsOn: event.currentTarget.value })}
              miw={160}
            />
            <NumberInput
              label={t('records.sickLeave.days')}
              min={1}
              max={365}
              value={form.days}
              onChange={(days) => setForm({ ...form, days })}
              miw={140}
            />
            <NumberInput
              label={t('records.sickLeave.existingLeaveDays')}
              min={0}
              max={365}
              value={form.existingLeaveDays}
              onChange={(existingLeaveDays) => setForm({ ...form, existingLeaveDays })}
              miw={140}
            />
          </Group>
          <Textarea
            label={t('records.sickLeave.motive')}
            value={form.motive}
            onChange={(event) => setForm({ ...form, motive: event.currentTarget.value })}
            autosize
            minRows={2}
          />
          <NativeSelect
            label={t('records.sickLeave.outings')}
            value={form.outings}
            onChange={(event) => setForm({ ...form, outings: event.currentTarget.value as (typeof OUTINGS)[number] })}
            data={OUTINGS.map((o) => ({ value: o, label: t(`records.sickLeave.outingsOptions.${o}`) }))}
            maw={320}
          />
          <Checkbox
            label={t('records.sickLeave.isTreatingDoctor')}
            checked={form.isTreatingDoctor}
            onChange={(event) => setForm({ ...form, isTreatingDoctor: event.currentTarget.checked })}
          />
          <Checkbox
            label={t('records.sickLeave.justified')}
            checked={form.patientJustifiesNoInPersonAccess}
            onChange={(event) => setForm({ ...form, patientJustifiesNoInPersonAccess: event.currentTarget.checked })}
          />
          {refusal ? (
            <Alert color="red.9" variant="light" role="alert">
              {t('records.sickLeave.refused', { reasons: reasons(refusal.reasons) })}
            </Alert>
          ) : null}
          <ErrorAlert error={issue.error} />
          <Group>
            <Button variant="default" onClick={check} loading={issue.isPending}>
              {t('records.sickLeave.add')}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Stack>
  );
}
