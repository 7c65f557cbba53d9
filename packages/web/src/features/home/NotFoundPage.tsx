import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={1}>{t('home.notFound.heading')}</Title>
      <Text>{t('home.notFound.text')}</Text>
      <Anchor component={Link} to="/">
        {t('app.home')}
      </Anchor>
    </Stack>
  );
}
