import { Alert, Anchor, Button, Group, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle.js';
import type { TriageAnswered } from './api.js';

type Reason = TriageAnswered['reasons'][number];

export function ReasonList({ reasons }: { reasons: Reason[] }) {
  const { i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'fr';
  return (
    <List spacing="xs">
      {reasons.map((reason) => (
        <List.Item key={reason.code}>{reason[language]}</List.Item>
      ))}
    </List>
  );
}

/**
 * "Appelez le 15": the emergency numbers as buttons that dial on a phone, the reasons, and no way to
 * book. The patient who answered wrongly may go back to the answers.
 */
export function EmergencyView({ answered, onChange }: { answered: TriageAnswered; onChange: () => void }) {
  const { t } = useTranslation();
  const suicide = answered.reasons.some((reason) => reason.numbers?.includes('3114'));
  return (
    <Stack gap="lg" maw={640}>
      <PageTitle>{t('triage.emergency.title')}</PageTitle>
      <Alert color="red.9" variant="filled" role="alert">
        <Text fw={700}>{t('triage.emergency.intro')}</Text>
      </Alert>
      <Stack gap="sm">
        <Button component="a" href="tel:15" size="xl" color="red.9" fullWidth>
          {t('triage.emergency.call15')}
        </Button>
        {suicide ? (
          <Button component="a" href="tel:3114" size="xl" color="red.9" variant="outline" fullWidth>
            {t('triage.emergency.call3114')}
          </Button>
        ) : null}
        <Group grow>
          <Button component="a" href="tel:112" size="lg" variant="outline" color="red.9">
            {t('triage.emergency.call112')}
          </Button>
          <Button component="a" href="sms:114" size="lg" variant="outline" color="red.9">
            {t('triage.emergency.text114')}
          </Button>
        </Group>
        <Text size="sm">{t('triage.emergency.numbers')}</Text>
      </Stack>
      <ReasonList reasons={answered.reasons} />
      <Text fw={700}>{t('triage.emergency.noBooking')}</Text>
      <Anchor component="button" type="button" onClick={onChange} ta="left">
        {t('triage.emergency.change')}
      </Anchor>
    </Stack>
  );
}

/** In person, or advice: the reasons, then the way on to booking (in-person slots, or a teleconsultation anyway). */
export function OrientedView({ answered, onBook, onChange }: { answered: TriageAnswered; onBook: () => void; onChange: () => void }) {
  const { t } = useTranslation();
  const { outcome, severity } = answered.orientation;
  const inPerson = outcome === 'in-person';
  return (
    <Stack gap="lg" maw={640}>
      <PageTitle>{inPerson ? t('triage.inPerson.title') : t('triage.advice.title')}</PageTitle>
      <Alert color={inPerson ? 'red.9' : 'blue.9'} variant="light">
        {inPerson ? <Text fw={700}>{severity === 'high' ? t('triage.inPerson.today') : t('triage.inPerson.intro')}</Text> : null}
        <ReasonList reasons={answered.reasons} />
      </Alert>
      <Group>
        <Button size="lg" onClick={onBook}>
          {inPerson ? t('triage.inPerson.book') : t('triage.advice.book')}
        </Button>
        <Button size="lg" variant="default" onClick={onChange}>
          {t('triage.reopen')}
        </Button>
      </Group>
    </Stack>
  );
}
