import { Alert, Anchor, Modal, NativeSelect, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { DEPARTEMENTS, MODALITIES, SPECIALTIES, type Specialty } from '@parcours/domain';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ErrorAlert } from '../../components/ProblemAlert.js';
import { PHONE_QUERY } from '../../components/ResponsiveTable.js';
import { billingApi, billingKeys, type CarePatient } from '../billing/api.js';
import { patientName } from '../billing/CarePatientsPage.js';
import { BILLING_PATHS } from '../billing/paths.js';
import { useAccount } from '../identity/RequireSession.js';
import type { Modality, Offer, Slot } from './api.js';
import { SCHEDULING_PATHS } from './paths.js';
import { BookingActions, useBooking } from './booking.js';
import { SlotPicker } from './SlotPicker.js';
import { formatters } from './time.js';

/**
 * A professional books on a patient's behalf: a patient they follow (`?patient=` chooses one), a slot
 * in their own agenda or any practitioner's, confirm. The server checks the care relationship; the
 * patient gets the confirmation mail as for any booking.
 */
export function BookForPatientPage() {
  const { t } = useTranslation();
  const me = useAccount();
  const [params, setParams] = useSearchParams();
  const patients = useQuery({ queryKey: billingKeys.carePatients(''), queryFn: () => billingApi.carePatients('') });
  // One line per patient (the list has one per organisation that cares for them).
  const followed = [...new Map((patients.data ?? []).map((p) => [p.id, p])).values()];
  const patient = followed.find((p) => p.id === params.get('patient')) ?? followed[0];
  const [whose, setWhose] = useState<'mine' | 'others'>('mine');
  const [specialty, setSpecialty] = useState<Specialty>('general-practice');
  const [territory, setTerritory] = useState('');
  const [modality, setModality] = useState<Modality>('video');
  const [chosen, setChosen] = useState<{ slot: Slot; offer: Offer } | null>(null);
  const filters = whose === 'mine' ? { practitionerId: me.id, modality } : { specialty, modality, ...(territory ? { territory } : {}) };
  return (
    <Stack gap="md" maw={960}>
      <PageTitle>{t('scheduling.forPatient.title')}</PageTitle>
      <Text>{t('scheduling.forPatient.intro')}</Text>
      {patients.isPending ? (
        <Loading label={t('common.loading')} />
      ) : patients.isError ? (
        <ErrorAlert error={patients.error} />
      ) : !patient ? (
        <Alert color="blue.9" variant="light" role="status">
          <Text size="sm">{t('scheduling.forPatient.noPatients')}</Text>
          <Anchor component={Link} to={BILLING_PATHS.carePatients} size="sm" fw={700}>
            {t('scheduling.forPatient.patientsLink')}
          </Anchor>
        </Alert>
      ) : (
        <>
          <NativeSelect
            label={t('scheduling.forPatient.patient')}
            value={patient.id}
            onChange={(event) => setParams({ patient: event.currentTarget.value }, { replace: true })}
            data={followed.map((p) => ({ value: p.id, label: patientName(p) }))}
            maw={440}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Stack gap={4}>
              <Text component="span" size="sm" fw={500} id="whose-label">
                {t('scheduling.forPatient.whose')}
              </Text>
              <SegmentedControl
                aria-labelledby="whose-label"
                value={whose}
                onChange={(value) => setWhose(value as 'mine' | 'others')}
                data={[
                  { value: 'mine', label: t('scheduling.forPatient.mine') },
                  { value: 'others', label: t('scheduling.forPatient.others') },
                ]}
              />
            </Stack>
            <Stack gap={4}>
              <Text component="span" size="sm" fw={500} id="for-patient-modality-label">
                {t('scheduling.book.modality')}
              </Text>
              <SegmentedControl
                aria-labelledby="for-patient-modality-label"
                value={modality}
                onChange={(value) => setModality(value as Modality)}
                data={MODALITIES.map((m) => ({ value: m, label: t(`scheduling.modality.${m}`) }))}
              />
            </Stack>
            {whose === 'others' ? (
              <>
                <NativeSelect
                  label={t('scheduling.book.specialty')}
                  value={specialty}
                  onChange={(event) => setSpecialty(event.currentTarget.value as Specialty)}
                  data={SPECIALTIES.filter((s) => s !== 'other').map((s) => ({ value: s, label: t(`terms.specialties.${s}`) }))}
                />
                <NativeSelect
                  label={t('scheduling.forPatient.territory')}
                  value={territory}
                  onChange={(event) => setTerritory(event.currentTarget.value)}
                  data={[{ value: '', label: t('scheduling.book.anyTerritory') }, ...DEPARTEMENTS.map((d) => ({ value: d, label: d }))]}
                />
              </>
            ) : null}
          </SimpleGrid>
          <SlotPicker filters={filters} onPick={(slot, offer) => setChosen({ slot, offer })} />
          {chosen ? (
            <ConfirmForPatient
              key={`${patient.id}:${chosen.slot.typeId}:${chosen.slot.start}`}
              patient={patient}
              {...chosen}
              onClose={() => setChosen(null)}
              onPick={(slot) => setChosen({ slot, offer: chosen.offer })}
            />
          ) : null}
        </>
      )}
    </Stack>
  );
}

/** The slot chosen for the patient: what it is, for whom, and the booking (the next free slots if it was just taken). */
function ConfirmForPatient({
  patient,
  slot,
  offer,
  onClose,
  onPick,
}: {
  patient: CarePatient;
  slot: Slot;
  offer: Offer;
  onClose: () => void;
  onPick: (slot: Slot) => void;
}) {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const phone = useMediaQuery(PHONE_QUERY);
  const me = useAccount();
  const booking = useBooking(patient.id, slot);
  const { book } = booking;
  const name = patientName(patient);
  return (
    <Modal
      opened
      onClose={onClose}
      closeButtonProps={{ 'aria-label': t('scheduling.close') }}
      title={t('scheduling.forPatient.confirmTitle', { patient: name })}
      fullScreen={phone}
      size="lg"
    >
      <Stack gap="md">
        <Text fw={600}>
          {t('scheduling.book.summary', {
            day: format.day(slot.start, offer.timeZone),
            time: format.time(slot.start, offer.timeZone),
            modality: t(`scheduling.modality.${offer.modality}`),
            name: offer.practitioner.name,
            organisation: offer.organisation.name,
          })}
        </Text>
        {book.isSuccess ? (
          <Alert color="green.9" variant="light" role="status">
            <Text>{t('scheduling.forPatient.booked', { patient: name })}</Text>
            {offer.practitioner.id === me.id ? (
              <Anchor component={Link} to={SCHEDULING_PATHS.agenda} fw={600}>
                {t('scheduling.forPatient.seeAgenda')}
              </Anchor>
            ) : null}
          </Alert>
        ) : (
          <>
            <BookingActions
              booking={booking}
              timeZone={offer.timeZone}
              confirmLabel={t('scheduling.forPatient.confirm')}
              onPick={onPick}
              onClose={onClose}
            />
          </>
        )}
      </Stack>
    </Modal>
  );
}
