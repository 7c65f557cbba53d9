import { Alert, Anchor, Button, Group, List, NativeSelect, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ErrorAlert } from '../../components/ProblemAlert.js';
import { recordsApi, recordsKeys, reportPdfUrl, type Report, type ReportDraft } from './api.js';
import { dateTime } from './format.js';
import { PrescriptionsSection } from './PrescriptionsSection.js';
import { ShareSection } from './ShareSection.js';
import { SickLeaveSection } from './SickLeaveSection.js';

/** The practitioner's report of an appointment: draft, sign, then addenda; prescriptions, sick leave, sharing. */
export function ReportPage() {
  const { appointmentId = '' } = useParams();
  const { t } = useTranslation();
  const report = useQuery({ queryKey: recordsKeys.report(appointmentId), queryFn: () => recordsApi.open(appointmentId) });
  return (
    <Stack gap="md" maw={880}>
      <PageTitle>{t('records.report.title')}</PageTitle>
      {report.isPending ? (
        <Loading label={t('common.loading')} />
      ) : report.isError ? (
        <ErrorAlert error={report.error} />
      ) : (
        <ReportEditor report={report.data} appointmentId={appointmentId} />
      )}
    </Stack>
  );
}

function ReportEditor({ report, appointmentId }: { report: Report; appointmentId: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const show = (next: Report) => queryClient.setQueryData(recordsKeys.report(appointmentId), next);
  const templates = useQuery({ queryKey: ['records', 'templates', i18n.language], queryFn: recordsApi.templates });
  // The fields as being typed: kept across the answers of other actions (a prescription added) until saved.
  const [draft, setDraft] = useState<Required<ReportDraft>>(() => draftOf(report));
  const save = useMutation({ mutationFn: () => recordsApi.save(report.id, draft), onSuccess: show });
  const sign = useMutation({
    mutationFn: async () => recordsApi.sign((await recordsApi.save(report.id, draft)).id),
    onSuccess: show,
  });
  const signed = report.status === 'signed';
  const field = (name: keyof Omit<ReportDraft, 'template'>) => ({
    value: draft[name],
    onChange: (event: { currentTarget: { value: string } }) => setDraft({ ...draft, [name]: event.currentTarget.value }),
    readOnly: signed,
  });
  const chooseTemplate = (id: string) => {
    const before = templates.data?.find((tpl) => tpl.id === draft.template)?.narrative;
    const after = templates.data?.find((tpl) => tpl.id === id)?.narrative ?? draft.narrative;
    // A narrative still holding only its template's headings takes the new one's.
    setDraft({
      ...draft,
      template: id as Required<ReportDraft>['template'],
      narrative: draft.narrative === before ? after : draft.narrative,
    });
  };
  return (
    <Stack gap="md">
      <Text>{t('records.report.patient', { name: report.patient.name })}</Text>
      <Text>
        {t('records.report.act', { date: dateTime(report.actStartedAt, i18n.language) })} —{' '}
        {t('records.report.author', { name: report.author.name })}
      </Text>
      {report.triage ? (
        <Text size="sm">{t('records.report.triage', { severity: report.triage.reasons.join(' ; ') || report.triage.outcome })}</Text>
      ) : null}
      {signed ? <Alert color="green.9">{t('records.report.signed', { date: dateTime(report.signedAt!, i18n.language) })}</Alert> : null}
      <NativeSelect
        label={t('records.report.template')}
        value={draft.template}
        disabled={signed}
        onChange={(event) => chooseTemplate(event.currentTarget.value)}
        data={(templates.data ?? [{ id: draft.template, label: draft.template }]).map((tpl) => ({ value: tpl.id, label: tpl.label }))}
        maw={320}
      />
      <Textarea label={t('records.report.narrative')} autosize minRows={8} {...field('narrative')} />
      <Textarea label={t('records.report.acts')} autosize minRows={2} {...field('acts')} />
      <TextInput label={t('records.report.participants')} {...field('participants')} />
      <Textarea
        label={t('records.report.incidents')}
        description={t('records.report.incidentsHint')}
        autosize
        minRows={2}
        {...field('incidents')}
      />
      {!signed && report.missing.length > 0 ? (
        <div>
          <Text fw={700} size="sm">
            {t('records.report.missing')}
          </Text>
          <List size="sm">
            {report.missing.map((m) => (
              <List.Item key={m.code}>{m.text}</List.Item>
            ))}
          </List>
        </div>
      ) : null}
      <ErrorAlert error={save.error ?? sign.error} />
      {save.isSuccess && !sign.isSuccess ? <Text role="status">{t('records.report.saved')}</Text> : null}
      <Group>
        {!signed ? (
          <>
            <Button variant="default" onClick={() => save.mutate()} loading={save.isPending}>
              {t('records.report.save')}
            </Button>
            <Button onClick={() => sign.mutate()} loading={sign.isPending}>
              {t('records.report.sign')}
            </Button>
          </>
        ) : null}
        <Anchor href={reportPdfUrl(report.id)} download>
          {t('records.report.pdf')}
        </Anchor>
      </Group>
      {signed ? <Addenda report={report} onChange={show} /> : null}
      <PrescriptionsSection report={report} onChange={show} />
      <SickLeaveSection report={report} onChange={show} />
      {signed ? <ShareSection report={report} onChange={show} /> : null}
    </Stack>
  );
}

function draftOf(report: Report): Required<ReportDraft> {
  return {
    template: report.template as Required<ReportDraft>['template'],
    narrative: report.narrative,
    acts: report.acts,
    participants: report.participants,
    incidents: report.incidents,
  };
}

function Addenda({ report, onChange }: { report: Report; onChange: (next: Report) => void }) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const amend = useMutation({
    mutationFn: () => recordsApi.amend(report.id, text),
    onSuccess: (next) => {
      setText('');
      onChange(next);
    },
  });
  return (
    <Stack gap="xs">
      <Title order={2}>{t('records.report.addenda')}</Title>
      {report.addenda.map((a) => (
        <div key={a.version}>
          <Text size="sm" fw={700}>
            {t('records.report.version', { version: a.version, date: dateTime(a.createdAt, i18n.language), author: a.author })}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {a.text}
          </Text>
        </div>
      ))}
      <Textarea
        label={t('records.report.addendum')}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        autosize
        minRows={2}
      />
      <ErrorAlert error={amend.error} />
      <Group>
        <Button variant="default" onClick={() => amend.mutate()} loading={amend.isPending} disabled={!text.trim()}>
          {t('records.report.addAddendum')}
        </Button>
      </Group>
    </Stack>
  );
}
