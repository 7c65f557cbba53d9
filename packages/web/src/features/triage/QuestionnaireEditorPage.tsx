import { Alert, Button, Grid, List, NativeSelect, Stack, Text, Textarea, Title } from '@mantine/core';
import { validateTriageQuestionnaire, type TriageQuestionnaire } from '@parcours/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ErrorAlert } from '../../components/ProblemAlert.js';
import { useAccount } from '../identity/RequireSession.js';
import { triageApi } from './api.js';
import { QuestionnaireForm } from './QuestionnaireForm.js';

/**
 * An organisation's copy of the questionnaire, edited as JSON: checked as one types (the same
 * validation as the server's: the contract's safety items and rules cannot go), with a live preview,
 * published as a new version.
 */
export function QuestionnaireEditorPage() {
  const { t } = useTranslation();
  const me = useAccount();
  const administered = me.memberships.filter((membership) => membership.role === 'admin');
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const organisationId = chosen ?? administered[0]?.organisationId;
  return (
    <Stack gap="md">
      <PageTitle>{t('triage.editor.title')}</PageTitle>
      <Text>{t('triage.editor.intro')}</Text>
      {administered.length > 1 ? (
        <NativeSelect
          label={t('triage.editor.organisation')}
          value={organisationId}
          onChange={(event) => setChosen(event.currentTarget.value)}
          data={administered.map((m) => ({ value: m.organisationId, label: m.organisationName }))}
          maw={440}
        />
      ) : null}
      {organisationId ? <Editor key={organisationId} organisationId={organisationId} /> : <Text>{t('triage.editor.none')}</Text>}
    </Stack>
  );
}

function Editor({ organisationId }: { organisationId: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const current = useQuery({ queryKey: ['triage', 'copy', organisationId], queryFn: () => triageApi.copy(organisationId) });
  const [text, setText] = useState<string | null>(null);
  const publish = useMutation({
    mutationFn: (triage: TriageQuestionnaire) => triageApi.publish(organisationId, triage),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['triage'] });
      setText(null);
    },
  });
  if (current.isPending) return <Loading label={t('triage.loading')} />;
  if (current.isError) return <ErrorAlert error={current.error} />;
  const shown = text ?? JSON.stringify(current.data.triage, null, 2);
  let parsed: unknown;
  let syntax: string | null = null;
  try {
    parsed = JSON.parse(shown);
  } catch (error) {
    syntax = error instanceof Error ? error.message : String(error);
  }
  const checked = syntax === null ? validateTriageQuestionnaire(parsed) : null;
  const language = i18n.language === 'en' ? 'en' : 'fr';
  return (
    <Grid>
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Stack gap="sm">
          <Text size="sm">
            {t('triage.editor.current', {
              version: current.data.version,
              source: current.data.id ? t('triage.editor.copy') : t('triage.editor.default'),
            })}
          </Text>
          <Textarea
            label={t('triage.editor.json')}
            description={t('triage.editor.jsonHint')}
            value={shown}
            onChange={(event) => setText(event.currentTarget.value)}
            autosize
            minRows={16}
            maxRows={32}
            spellCheck={false}
            styles={{ input: { fontFamily: 'monospace', fontSize: 13 } }}
          />
          {syntax ? (
            <Alert color="red.9" role="alert">
              {t('triage.editor.syntax', { error: syntax })}
            </Alert>
          ) : checked && !checked.ok ? (
            <Alert color="red.9" role="alert" title={t('triage.editor.invalid')}>
              <List size="sm">
                {checked.issues.map((issue) => (
                  <List.Item key={`${issue.path}-${issue.code}-${issue.message.en}`}>{issue.message[language]}</List.Item>
                ))}
              </List>
            </Alert>
          ) : (
            <Text size="sm" fw={700}>
              {t('triage.editor.valid')}
            </Text>
          )}
          <Button
            size="md"
            disabled={!checked?.ok}
            loading={publish.isPending}
            onClick={() => checked?.ok && publish.mutate(checked.triage)}
          >
            {t('triage.editor.publish')}
          </Button>
          {publish.isError ? <ErrorAlert error={publish.error} /> : null}
          {publish.isSuccess ? <Alert color="green.9">{t('triage.editor.published')}</Alert> : null}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Stack gap="sm" component="section" aria-labelledby="triage-preview-title">
          <Title order={2} fz="h4" id="triage-preview-title">
            {t('triage.editor.preview')}
          </Title>
          {checked?.ok ? (
            <QuestionnaireForm
              key={shown}
              triage={checked.triage}
              initial={{}}
              onStep={() => undefined}
              onDone={() => undefined}
              busy={false}
            />
          ) : (
            <Text size="sm">{t('triage.editor.noPreview')}</Text>
          )}
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
