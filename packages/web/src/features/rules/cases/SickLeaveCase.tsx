import { Checkbox, Fieldset, Group, NumberInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { SickLeaveRequest } from '@parcours/domain';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Evaluated } from '../Evaluated.js';

/** A sick leave (arrêt de travail) prescribed during a telemedicine act: how many days it may run. */
export function SickLeaveCase({ today }: { today: string }) {
  const { t } = useTranslation();
  const [c, setCase] = useState({
    date: today,
    requestedDays: 5,
    existingLeaveDays: 0,
    isTreatingDoctor: false,
    isReferenceMidwife: false,
    patientJustifiesNoInPersonAccess: false,
  });
  const set = <K extends keyof typeof c>(key: K, value: (typeof c)[K]) => setCase((previous) => ({ ...previous, [key]: value }));
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
    <Checkbox label={t(`simulator.sickLeave.${key}`)} checked={c[key]} onChange={(e) => set(key, e.currentTarget.checked)} />
  );
  return (
    <Stack>
      <Fieldset legend={t('simulator.sickLeave.legend')}>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput type="date" label={t('simulator.date')} value={c.date} onChange={(e) => set('date', e.currentTarget.value)} />
          <NumberInput
            label={t('simulator.sickLeave.requestedDays')}
            min={1}
            max={365}
            value={c.requestedDays}
            onChange={(v) => set('requestedDays', typeof v === 'number' ? v : 0)}
          />
          <NumberInput
            label={t('simulator.sickLeave.existingLeaveDays')}
            min={0}
            max={365}
            value={c.existingLeaveDays}
            onChange={(v) => set('existingLeaveDays', typeof v === 'number' ? v : 0)}
          />
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
