import { Button, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/problem.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { schedulingApi, schedulingKeys, type Slot } from './api.js';
import { formatters } from './time.js';

/**
 * Booking one slot for one patient, as both booking screens confirm it: one idempotency key per
 * confirmation (a double tap, or a retry after a lost answer, books once), and — when the slot went
 * to someone else — the next free ones of the same consultation.
 */
export function useBooking(patientId: string, slot: Slot) {
  const queryClient = useQueryClient();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const book = useMutation({
    mutationFn: () => schedulingApi.book({ patientId, typeId: slot.typeId, startsAt: slot.start }, idempotencyKey),
    onSettled: () => queryClient.invalidateQueries({ queryKey: schedulingKeys.all }),
  });
  const lost = book.error instanceof ApiProblem && book.error.slug === 'slot-taken';
  const nextQuery = { typeId: slot.typeId, days: 14, limit: 6 };
  const next = useQuery({ queryKey: schedulingKeys.slots(nextQuery), queryFn: () => schedulingApi.slots(nextQuery), enabled: lost });
  return { book, taken: lost ? (next.data?.slots ?? []) : [] };
}

/** The confirmation's end: the booking's problem if any, the next free slots if it was taken, confirm and cancel. */
export function BookingActions({
  booking: { book, taken },
  timeZone,
  confirmLabel,
  onPick,
  onClose,
}: {
  booking: ReturnType<typeof useBooking>;
  timeZone: string;
  confirmLabel: string;
  onPick: (slot: Slot) => void;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  return (
    <>
      {book.error ? (
        <ProblemAlert problem={{ title: book.error instanceof ApiProblem ? book.error.title : t('common.unexpected') }} />
      ) : null}
      {taken.length > 0 ? (
        <Stack gap="xs">
          <Text>{t('scheduling.book.taken')}</Text>
          <Group gap="xs">
            {taken.map((other) => (
              <Button key={other.start} variant="light" onClick={() => onPick(other)}>
                {format.day(other.start, timeZone)} {format.time(other.start, timeZone)}
              </Button>
            ))}
          </Group>
        </Stack>
      ) : null}
      <Group>
        <Button size="md" onClick={() => book.mutate()} loading={book.isPending} disabled={taken.length > 0}>
          {confirmLabel}
        </Button>
        <Button size="md" variant="default" onClick={onClose}>
          {t('scheduling.book.cancel')}
        </Button>
      </Group>
    </>
  );
}
