import { Button, Checkbox, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/Loading.js';
import { ErrorAlert } from '../../components/ProblemAlert.js';
import { teleconsultationApi } from './api.js';

const consentKey = (patientId: string) => ['teleconsultation', 'consents', patientId] as const;

/**
 * Consent before joining (CSP R.6316-2): the information text of its current version, an explicit
 * tick, recorded by the consent module. `children` (the way in) shows once consent stands.
 */
export function ConsentStep({ patientId, children }: { patientId: string; children: React.ReactNode }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [agreed, setAgreed] = useState(false);
  const [asked, setAsked] = useState(false);
  const information = useQuery({
    queryKey: ['teleconsultation', 'information', i18n.language],
    queryFn: teleconsultationApi.consentInformation,
  });
  const consents = useQuery({ queryKey: consentKey(patientId), queryFn: () => teleconsultationApi.consents(patientId) });
  const give = useMutation({
    mutationFn: () => teleconsultationApi.giveConsent(patientId, information.data!.version),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: consentKey(patientId) }),
  });
  if (information.isPending || consents.isPending) return <Loading label={t('common.loading')} />;
  if (information.isError || consents.isError) return <ErrorAlert error={information.error ?? consents.error} />;
  const standing = consents.data.find(
    (c) => c.act === 'teleconsultation' && !c.withdrawnAt && c.informationVersion === information.data.version,
  );
  if (standing) {
    return (
      <Stack gap="sm">
        <Text size="sm">{t('teleconsultation.consent.given', { date: new Date(standing.givenAt).toLocaleString(i18n.language) })}</Text>
        {children}
      </Stack>
    );
  }
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="consent-heading">
      <Title order={2} fz="h4" id="consent-heading" mb="xs">
        {t('teleconsultation.consent.title')}
      </Title>
      <Stack gap="sm">
        <Text size="sm">{t('teleconsultation.consent.intro', { version: information.data.version })}</Text>
        <Text>{information.data.text}</Text>
        <Checkbox
          label={t('teleconsultation.consent.agree')}
          checked={agreed}
          onChange={(event) => setAgreed(event.currentTarget.checked)}
          error={asked && !agreed ? t('teleconsultation.consent.required') : undefined}
        />
        <ErrorAlert error={give.error} />
        <Button
          onClick={() => {
            setAsked(true);
            if (agreed) give.mutate();
          }}
          loading={give.isPending}
        >
          {t('teleconsultation.consent.give')}
        </Button>
      </Stack>
    </Paper>
  );
}
