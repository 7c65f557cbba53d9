import { Checkbox, Fieldset, Group, NumberInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { SickLeaveRequest } from '@parcours/domain';
import { useForm } from '@mantine/form';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Evaluated } from '../Evaluated.js';

/** A sick leave (arrêt de travail) prescribed during a telemedicine act: how many days it may run. */
export function SickLeaveCase({ today }: { today: string }) {
  const { t } = useTranslation();
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      date: today,
      requestedDays: 5,
      existingLeaveDays: 0,
      isTreatingDoctor: false,
      isReferenceMidwife: false,
      patientJustifiesNoInPersonAccess: false,
    },
  });
  const c = form.getValues();
  const input = form.getInputProps;
  const request = useMemo<SickLeaveRequest>(
    () => ({
      kind: 'sick-leave',
      date: c.date,
      prescriber: { isTreatingDoctor: c.isTreatingDoctor, isReferenceMidwife: c.isReferenceMidwife },
      requestedDays: c.requestedDays,
      existingLeaveDays: c.existingLeaveDays,
      patientJustifiesNoInPersonAccess: c.patientJustifiesNoInPersonAccess,
    }),
    [c],
  );
  const check = (key: 'isTreatingDoctor' | 'isReferenceMidwife' | 'patientJustifiesNoInPersonAccess') => (
    <Checkbox label={t(`rules.sickLeave.${key}`)} {...input(key, { type: 'checkbox' })} />
  );
  return (
    <Stack>
      <Fieldset legend={t('rules.sickLeave.legend')}>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput type="date" label={t('rules.date')} {...input('date')} />
          <NumberInput label={t('rules.sickLeave.requestedDays')} min={1} max={365} {...input('requestedDays')} />
          <NumberInput label={t('rules.sickLeave.existingLeaveDays')} min={0} max={365} {...input('existingLeaveDays')} />
        </SimpleGrid>
        <Group mt="sm">
          {check('isTreatingDoctor')}
          {check('isReferenceMidwife')}
          {check('patientJustifiesNoInPersonAccess')}
        </Group>
      </Fieldset>
      <Evaluated request={request} />
    </Stack>
  );
}
