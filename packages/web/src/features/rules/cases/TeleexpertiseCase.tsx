import { Fieldset, NativeSelect, NumberInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { REQUESTER_PROFESSIONS, type RequesterProfession, type TeleexpertiseRequest } from '@parcours/domain';
import { useForm } from '@mantine/form';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Evaluated } from '../Evaluated.js';

/** A tele-expertise: who may bill what, within the patient's yearly limit. */
export function TeleexpertiseCase({ today }: { today: string }) {
  const { t } = useTranslation();
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      date: today,
      requester: 'doctor' as RequesterProfession,
      expert: 'doctor' as 'doctor' | 'midwife',
      teleexpertisesThisYear: 0,
    },
  });
  const c = form.getValues();
  const input = form.getInputProps;
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
      <Fieldset legend={t('rules.teleexpertise.legend')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput type="date" label={t('rules.date')} {...input('date')} />
          <NumberInput label={t('rules.teleexpertise.thisYear')} min={0} max={100} {...input('teleexpertisesThisYear')} />
          <NativeSelect
            label={t('rules.teleexpertise.requester')}
            {...input('requester')}
            data={REQUESTER_PROFESSIONS.map((p) => ({ value: p, label: t(`terms.professions.${p}`) }))}
          />
          <NativeSelect
            label={t('rules.teleexpertise.expert')}
            {...input('expert')}
            data={(['doctor', 'midwife'] as const).map((p) => ({ value: p, label: t(`terms.professions.${p}`) }))}
          />
        </SimpleGrid>
      </Fieldset>
      <Evaluated request={request} />
    </Stack>
  );
}
