import { Fieldset, NativeSelect, NumberInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { REQUESTER_PROFESSIONS, type RequesterProfession, type TeleexpertiseRequest } from '@parcours/domain';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Evaluated } from '../Evaluated.js';

/** A tele-expertise: who may bill what, within the patient's yearly limit. */
export function TeleexpertiseCase({ today }: { today: string }) {
  const { t } = useTranslation();
  const [c, setCase] = useState({
    date: today,
    requester: 'doctor' as RequesterProfession,
    expert: 'doctor' as 'doctor' | 'midwife',
    teleexpertisesThisYear: 0,
  });
  const set = <K extends keyof typeof c>(key: K, value: (typeof c)[K]) => setCase((previous) => ({ ...previous, [key]: value }));
  const request = useMemo<TeleexpertiseRequest>(
    () => ({
      kind: 'teleexpertise',
      date: c.date,
      requester: { profession: c.requester },
      expert: { profession: c.expert },
      patient: { teleexpertisesThisYear: c.teleexpertisesThisYear },
    }),
    [c],
  );
  return (
    <Stack>
      <Fieldset legend={t('simulator.teleexpertise.legend')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput type="date" label={t('simulator.date')} value={c.date} onChange={(e) => set('date', e.currentTarget.value)} />
          <NumberInput
            label={t('simulator.teleexpertise.thisYear')}
            min={0}
            max={100}
            value={c.teleexpertisesThisYear}
            onChange={(v) => set('teleexpertisesThisYear', typeof v === 'number' ? v : 0)}
          />
          <NativeSelect
            label={t('simulator.teleexpertise.requester')}
            value={c.requester}
            onChange={(e) => set('requester', e.currentTarget.value as RequesterProfession)}
            data={REQUESTER_PROFESSIONS.map((p) => ({ value: p, label: t(`identity.professions.${p}`) }))}
          />
          <NativeSelect
            label={t('simulator.teleexpertise.expert')}
            value={c.expert}
            onChange={(e) => set('expert', e.currentTarget.value as 'doctor' | 'midwife')}
            data={(['doctor', 'midwife'] as const).map((p) => ({ value: p, label: t(`identity.professions.${p}`) }))}
          />
        </SimpleGrid>
      </Fieldset>
      <Evaluated request={request} />
    </Stack>
  );
}
