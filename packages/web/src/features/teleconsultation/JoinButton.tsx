import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAccount } from '../identity/RequireSession.js';
import { TELECONSULTATION_PATHS } from './paths.js';

/** Statuses in which a video appointment's waiting room or call is still ahead. */
const OPEN = ['booked', 'checked-in', 'in-progress'];

/**
 * The way into a video appointment's teleconsultation, on its card: the patient's waiting room, or
 * the practitioner's. Nothing for another modality, or once over.
 */
export function JoinButton({
  appointment,
}: {
  appointment: { id: string; modality: string; status: string; practitioner: { id: string } };
}) {
  const { t } = useTranslation();
  const asPractitioner = useAccount().id === appointment.practitioner.id;
  if (appointment.modality !== 'video' || !OPEN.includes(appointment.status)) return null;
  return (
    <Button
      component={Link}
      to={asPractitioner ? TELECONSULTATION_PATHS.waitingRoom : TELECONSULTATION_PATHS.visitOf(appointment.id)}
      size="sm"
    >
      {t(asPractitioner ? 'teleconsultation.join.practitioner' : 'teleconsultation.join.patient')}
    </Button>
  );
}
