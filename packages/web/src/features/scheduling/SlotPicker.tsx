import { Button, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/Loading.js';
import { formatEuros } from '../../components/money.js';
import { ErrorAlert } from '../../components/ProblemAlert.js';
import { todayInParis } from '../../components/today.js';
import { schedulingApi, schedulingKeys, type Offer, type Slot, type SlotQuery } from './api.js';
import { addDays, formatters } from './time.js';

const DAYS_SHOWN = 14;

/**
 * A strip of days, then the chosen day's free slots, practitioner by practitioner, as large buttons
 * (a thumb on a phone). `filters` narrow the search; the day is the strip's.
 */
export function SlotPicker({ filters, onPick }: { filters: Omit<SlotQuery, 'from' | 'days'>; onPick: (slot: Slot, offer: Offer) => void }) {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const today = todayInParis();
  const [day, setDay] = useState(today);
  const query: SlotQuery = { ...filters, from: day, days: 1, limit: 500 };
  const slots = useQuery({ queryKey: schedulingKeys.slots(query), queryFn: () => schedulingApi.slots(query) });
  const days = Array.from({ length: DAYS_SHOWN }, (_, i) => addDays(today, i));
  return (
    <Stack gap="sm">
      {/* Two weeks as two rows of seven: on a phone, every day in view without scrolling sideways. */}
      <SimpleGrid cols={7} spacing={4} role="group" aria-label={t('scheduling.book.days')}>
        {days.map((d) => {
          const [weekday, number] = format.shortDay(d).split(' ');
          return (
            <Button
              key={d}
              variant={d === day ? 'filled' : 'default'}
              h={56}
              px={0}
              onClick={() => setDay(d)}
              aria-pressed={d === day}
              title={format.longDay(d)}
              styles={{ label: { flexDirection: 'column', lineHeight: 1.2 } }}
            >
              <span>{weekday}</span> <span>{number}</span>
            </Button>
          );
        })}
      </SimpleGrid>
      <section aria-live="polite" aria-busy={slots.isPending}>
        {slots.isPending ? (
          <Loading label={t('common.loading')} />
        ) : slots.isError ? (
          <ErrorAlert error={slots.error} />
        ) : slots.data.slots.length === 0 ? (
          <Text role="status">{t('scheduling.book.noSlots')}</Text>
        ) : (
          <Stack gap="md">
            {slots.data.offers.map((offer) => {
              const mine = slots.data.slots.filter((slot) => slot.typeId === offer.typeId);
              if (mine.length === 0) return null;
              return (
                <Paper
                  key={offer.typeId}
                  withBorder
                  p="md"
                  component="article"
                  aria-label={t('scheduling.book.slotsOf', { name: offer.practitioner.name })}
                >
                  <Title order={3} fz="h4">
                    {offer.practitioner.name}
                  </Title>
                  <Text size="sm">
                    {t(`terms.specialties.${offer.specialty}`, { defaultValue: offer.specialty })} · {offer.organisation.name}
                    {offer.site ? ` — ${offer.site.name}${offer.site.city ? `, ${offer.site.city}` : ''}` : ''}
                  </Text>
                  <Text size="sm" c="dimmed" mb="xs">
                    {t(`scheduling.modality.${offer.modality}`)} · {t('scheduling.book.duration', { minutes: offer.durationMinutes })} ·{' '}
                    {offer.feeCents === null
                      ? t('scheduling.book.conventionalFee')
                      : t('scheduling.book.fee', { amount: formatEuros(offer.feeCents / 100, i18n.language) })}
                  </Text>
                  <SimpleGrid cols={{ base: 3, xs: 4, sm: 6 }} spacing="xs">
                    {mine.map((slot) => {
                      const time = format.time(slot.start, offer.timeZone);
                      return (
                        <Button
                          key={slot.start}
                          size="md"
                          variant="light"
                          onClick={() => onPick(slot, offer)}
                          aria-label={t('scheduling.book.slotLabel', { time, name: offer.practitioner.name })}
                        >
                          {time}
                        </Button>
                      );
                    })}
                  </SimpleGrid>
                </Paper>
              );
            })}
          </Stack>
        )}
      </section>
    </Stack>
  );
}
