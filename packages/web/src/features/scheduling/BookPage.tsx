import {
  Alert,
  Anchor,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  Radio,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import {
  DEPARTEMENTS,
  MODALITIES,
  SPECIALTIES,
  TREATING_DOCTOR_STATUSES,
  type Specialty,
  type TreatingDoctorStatus,
} from '@parcours/domain';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ErrorAlert } from '../../components/ProblemAlert.js';
import { PHONE_QUERY } from '../../components/ResponsiveTable.js';
import { CostBreakdown } from '../billing/CostBreakdown.js';
import { RecordPicker, useChosenRecord } from '../identity/RecordPicker.js';
import { useAccount } from '../identity/RequireSession.js';
import { schedulingApi, type Modality, type Offer, type Slot } from './api.js';
import { SCHEDULING_PATHS } from './paths.js';
import { BookingActions, useBooking } from './booking.js';
import { SlotPicker } from './SlotPicker.js';
import { formatters } from './time.js';

/** Patient search and booking: filters, a day strip, large slots, the estimate of the slot chosen, confirm. */
export function BookPage({ initialModality = 'video' }: { initialModality?: Modality }) {
  const { t } = useTranslation();
  const me = useAccount();
  const [record, choose] = useChosenRecord(me);
  const [specialty, setSpecialty] = useState<Specialty>('general-practice');
  const [modality, setModality] = useState<Modality>(initialModality);
  const [territory, setTerritory] = useState('');
  const [chosen, setChosen] = useState<{ slot: Slot; offer: Offer } | null>(null);
  return (
    <Stack gap="md" maw={960}>
      <PageTitle>{t('scheduling.book.title')}</PageTitle>
      <Text>{t('scheduling.book.intro')}</Text>
      {record ? <RecordPicker me={me} value={record.id} onChange={choose} label={t('scheduling.book.forWhom')} /> : null}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <NativeSelect
          label={t('scheduling.book.specialty')}
          value={specialty}
          onChange={(event) => setSpecialty(event.currentTarget.value as Specialty)}
          data={SPECIALTIES.filter((s) => s !== 'other').map((s) => ({ value: s, label: t(`terms.specialties.${s}`) }))}
        />
        <NativeSelect
          label={t('scheduling.book.territory')}
          value={territory}
          onChange={(event) => setTerritory(event.currentTarget.value)}
          data={[{ value: '', label: t('scheduling.book.anyTerritory') }, ...DEPARTEMENTS.map((d) => ({ value: d, label: d }))]}
        />
        <Stack gap={4}>
          <Text component="span" size="sm" fw={500} id="modality-label">
            {t('scheduling.book.modality')}
          </Text>
          <SegmentedControl
            aria-labelledby="modality-label"
            value={modality}
            onChange={(value) => setModality(value as Modality)}
            data={MODALITIES.map((m) => ({ value: m, label: t(`scheduling.modality.${m}`) }))}
          />
        </Stack>
      </SimpleGrid>
      <SlotPicker
        filters={{ specialty, modality, ...(territory ? { territory } : {}) }}
        onPick={(slot, offer) => setChosen({ slot, offer })}
      />
      {chosen && record ? (
        <Confirm
          key={`${chosen.slot.typeId}:${chosen.slot.start}`}
          patientId={record.id}
          departement={territory || undefined}
          {...chosen}
          onClose={() => setChosen(null)}
          onPick={(slot) => setChosen({ slot, offer: chosen.offer })}
        />
      ) : null}
    </Stack>
  );
}

const REFERRALS = ['referred', 'unavailable', 'available', 'none'] as const satisfies readonly TreatingDoctorStatus[];

/** The slot chosen: what it is, what the patient will pay for it, and the confirmation. */
function Confirm({
  patientId,
  departement,
  slot,
  offer,
  onClose,
  onPick,
}: {
  patientId: string;
  departement: string | undefined;
  slot: Slot;
  offer: Offer;
  onClose: () => void;
  onPick: (slot: Slot) => void;
}) {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const phone = useMediaQuery(PHONE_QUERY);
  const [isTreatingDoctor, setIsTreatingDoctor] = useState(false);
  const [referral, setReferral] = useState<TreatingDoctorStatus>('referred');
  const estimable =
    offer.modality !== 'in-person' && (offer.practitioner.profession === 'doctor' || offer.practitioner.profession === 'midwife');
  const answers = {
    typeId: slot.typeId,
    startsAt: slot.start,
    treatingDoctor: isTreatingDoctor ? ('referred' as const) : referral,
    isTreatingDoctor,
    ...(departement ? { departement } : {}),
  };
  const estimate = useQuery({
    queryKey: ['scheduling', 'estimate', patientId, answers],
    queryFn: () => schedulingApi.estimate(patientId, answers),
    enabled: estimable,
  });
  const booking = useBooking(patientId, slot);
  const { book } = booking;
  const day = format.day(slot.start, offer.timeZone);
  const time = format.time(slot.start, offer.timeZone);
  return (
    <Modal
      opened
      onClose={onClose}
      closeButtonProps={{ 'aria-label': t('scheduling.close') }}
      title={t('scheduling.book.confirmTitle')}
      fullScreen={phone}
      size="lg"
    >
      <Stack gap="md">
        <Text fw={600}>
          {t('scheduling.book.summary', {
            day,
            time,
            modality: t(`scheduling.modality.${offer.modality}`),
            name: offer.practitioner.name,
            organisation: offer.organisation.name,
          })}
        </Text>
        {book.isSuccess ? (
          <Alert color="green.9" variant="light" role="status">
            <Text>{t('scheduling.book.booked')}</Text>
            <Group gap="lg">
              {/* Its page leads on: the waiting room, the questionnaire answered again. */}
              <Anchor component={Link} to={SCHEDULING_PATHS.appointmentOf(book.data.id)} fw={600}>
                {t('scheduling.book.seeAppointment')}
              </Anchor>
              <Anchor component={Link} to={SCHEDULING_PATHS.mine} fw={600}>
                {t('scheduling.book.seeMine')}
              </Anchor>
            </Group>
          </Alert>
        ) : (
          <>
            {estimable ? (
              <Stack gap="sm" component="section" aria-labelledby="estimate-heading">
                <Title order={2} fz="h4" id="estimate-heading">
                  {t('scheduling.book.estimateTitle')}
                </Title>
                <Checkbox
                  label={t('scheduling.book.isTreatingDoctor')}
                  checked={isTreatingDoctor}
                  onChange={(event) => setIsTreatingDoctor(event.currentTarget.checked)}
                />
                {!isTreatingDoctor ? (
                  <Radio.Group
                    label={t('scheduling.book.referral')}
                    value={referral}
                    onChange={(value) => setReferral(value as TreatingDoctorStatus)}
                  >
                    <Stack gap={6} mt="xs">
                      {REFERRALS.filter((r) => TREATING_DOCTOR_STATUSES.includes(r)).map((value) => (
                        <Radio key={value} value={value} label={t(`scheduling.book.referrals.${value}`)} />
                      ))}
                    </Stack>
                  </Radio.Group>
                ) : null}
                <div aria-live="polite">
                  {estimate.isPending ? (
                    <Loading label={t('common.loading')} />
                  ) : estimate.isError ? (
                    <ErrorAlert error={estimate.error} />
                  ) : (
                    <CostBreakdown billing={estimate.data} />
                  )}
                </div>
              </Stack>
            ) : (
              <Text>{t('scheduling.book.noEstimate')}</Text>
            )}
            <BookingActions
              booking={booking}
              timeZone={offer.timeZone}
              confirmLabel={t('scheduling.book.confirm')}
              onPick={onPick}
              onClose={onClose}
            />
          </>
        )}
      </Stack>
    </Modal>
  );
}
