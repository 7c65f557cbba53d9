import { Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { answer, api } from '../../api/client.js';
import { Loading } from '../../components/Loading.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { isSignedIn, useSession } from '../identity/session.js';
import { MyHome } from './MyHome.js';

const ACTS = ['teleconsultation', 'telemonitoring', 'teleexpertise', 'teleassistance', 'regulation'] as const;

/** The app's root: a signed-in person's own home, else the public presentation. */
export function HomePage() {
  const { t } = useTranslation();
  const session = useSession();
  if (session.isPending) return <Loading label={t('common.loading')} />;
  return isSignedIn(session.data) ? <MyHome me={session.data} /> : <PublicHome />;
}

function PublicHome() {
  const { t } = useTranslation();
  const ready = useQuery({
    queryKey: ['ready'],
    queryFn: () => answer(api.GET('/ready')),
  });
  return (
    <Stack gap="lg" maw={960}>
      <Title order={1}>{t('home.heading')}</Title>
      <Text size="lg">{t('home.intro')}</Text>
      <section aria-labelledby="acts-heading">
        <Title order={2} id="acts-heading" mb="sm">
          {t('home.acts')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {ACTS.map((act) => (
            <Card key={act} withBorder padding="md">
              <Title order={3} fz="md">
                {t(`home.${act}`)}
              </Title>
              <Text size="sm" mt={4}>
                {t(`home.${act}Text`)}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      </section>
      <Group gap="xs" role="status" aria-live="polite">
        <Text size="sm">{t('home.status')} :</Text>
        {ready.isPending ? (
          <StatusBadge tone="neutral">{t('home.statusLoading')}</StatusBadge>
        ) : ready.isSuccess ? (
          <StatusBadge tone="positive">{t('home.statusReady', { database: ready.data.database })}</StatusBadge>
        ) : (
          <StatusBadge tone="negative">{t('home.statusDown')}</StatusBadge>
        )}
      </Group>
    </Stack>
  );
}
