import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle.js';
import { ConnectivityCheck } from './ConnectivityCheck.js';
import { DeviceTest } from './DeviceTest.js';

/** The equipment test outside any appointment: camera, microphone, speaker, and the connectivity check. */
export function DeviceCheckPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="md" maw={860}>
      <PageTitle>{t('teleconsultation.check.pageTitle')}</PageTitle>
      <Text>{t('teleconsultation.check.pageIntro')}</Text>
      <DeviceTest />
      <ConnectivityCheck />
    </Stack>
  );
}
