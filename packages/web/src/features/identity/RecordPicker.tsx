import { NativeSelect } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from './api.js';

type Record = Me['patients'][number];

/** A managed record as its manager reads it: `Léo PETIT`, or `Camille PETIT (vous)` for their own. */
export function recordName(record: Record, selfLabel: string): string {
  return `${record.firstNames} ${record.birthName}${record.isSelf ? ` (${selfLabel})` : ''}`;
}

/** Which of the records this account manages a page is about: its own (listed first) until another is chosen. */
export function useChosenRecord(me: Me): [Record | undefined, (recordId: string) => void] {
  const [chosen, setChosen] = useState<string | null>(null);
  return [me.patients.find((record) => record.id === chosen) ?? me.patients[0], setChosen];
}

/** The choice of record, offered only to an account that manages several (a parent). */
export function RecordPicker({
  me,
  value,
  onChange,
  label,
}: {
  me: Me;
  value: string;
  onChange: (recordId: string) => void;
  label: string;
}) {
  const { t } = useTranslation();
  if (me.patients.length <= 1) return null;
  return (
    <NativeSelect
      label={label}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      data={me.patients.map((record) => ({ value: record.id, label: recordName(record, t('identity.profile.self')) }))}
      maw={440}
    />
  );
}
