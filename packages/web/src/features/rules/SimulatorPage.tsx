import { Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { todayInParis } from '../../components/today.js';
import { JsonCase } from './cases/JsonCase.js';
import { SickLeaveCase } from './cases/SickLeaveCase.js';
import { TeleconsultationCase } from './cases/TeleconsultationCase.js';
import { TeleexpertiseCase } from './cases/TeleexpertiseCase.js';

const CASES = { teleconsultation: TeleconsultationCase, 'sick-leave': SickLeaveCase, teleexpertise: TeleexpertiseCase, json: JsonCase };

/**
 * A professional tries any case and sees what the rules decide and why. The rules run in the browser:
 * `evaluate` is pure, the same function the server uses.
 */
export function SimulatorPage() {
  const { t } = useTranslation();
  const today = todayInParis();
  return (
    <Stack maw={960}>
      <Title order={1}>{t('rules.heading')}</Title>
      <Text>{t('rules.intro')}</Text>
      <Tabs defaultValue="teleconsultation" keepMounted={false}>
        <Tabs.List>
          {Object.keys(CASES).map((kind) => (
            <Tabs.Tab key={kind} value={kind}>
              {t(`rules.tabs.${kind as keyof typeof CASES}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {Object.entries(CASES).map(([kind, Case]) => (
          <Tabs.Panel key={kind} value={kind} pt="md">
            <Case today={today} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
