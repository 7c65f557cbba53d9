import { Checkbox, Group, Radio, Stack } from '@mantine/core';
import { SUPPLEMENTARY_COVERS, TREATING_DOCTOR_DECLARATIONS } from '@parcours/domain';
import { useTranslation } from 'react-i18next';
import type { Insurance } from './api.js';

/** The patient's insurance situation, as they state it: treating doctor declared, ALD, supplementary cover. */
export function InsuranceFields({ value, onChange }: { value: Insurance; onChange: (situation: Insurance) => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Radio.Group
        label={t('billing.situation.treatingDoctor')}
        value={value.treatingDoctor ?? ''}
        onChange={(v) => onChange({ ...value, treatingDoctor: v as Insurance['treatingDoctor'] })}
      >
        <Group mt="xs">
          {TREATING_DOCTOR_DECLARATIONS.map((declaration) => (
            <Radio key={declaration} value={declaration} label={t(`billing.situation.declarations.${declaration}`)} />
          ))}
        </Group>
      </Radio.Group>
      <Checkbox
        label={t('billing.situation.ald')}
        checked={value.ald}
        onChange={(e) => onChange({ ...value, ald: e.currentTarget.checked })}
      />
      <Radio.Group
        label={t('billing.situation.cover')}
        value={value.cover ?? ''}
        onChange={(v) => onChange({ ...value, cover: v as Insurance['cover'] })}
      >
        <Stack gap={6} mt="xs">
          {SUPPLEMENTARY_COVERS.map((cover) => (
            <Radio key={cover} value={cover} label={t(`billing.situation.covers.${cover}`)} />
          ))}
        </Stack>
      </Radio.Group>
    </Stack>
  );
}
