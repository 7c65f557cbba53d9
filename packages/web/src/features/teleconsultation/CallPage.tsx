import { Alert, Anchor, Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ErrorAlert } from '../../components/ProblemAlert.js';
import { useLiveTopic } from '../../realtime/useLiveTopic.js';
import { teleconsultationApi, teleconsultationKeys, type SharedFile } from './api.js';
import { useCall } from './call/useCall.js';
import { ChatPanel } from './ChatPanel.js';
import { EndActPanel } from './EndActPanel.js';
import { InvitePanel, useAssistantNames } from './InvitePanel.js';
import { MeasurementsPanel } from './MeasurementsPanel.js';
import { TELECONSULTATION_PATHS } from './paths.js';
import { Video } from './Video.js';

/**
 * The call, for the patient's side and the practitioner alike: videos, microphone and camera,
 * chat, leave and come back; the practitioner ends the act here. The visit's state is followed live:
 * the patient's call closes when the practitioner ends it.
 */
export function CallPage() {
  const { t } = useTranslation();
  const { appointmentId = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const visit = useQuery({ queryKey: teleconsultationKeys.visit(appointmentId), queryFn: () => teleconsultationApi.visit(appointmentId) });
  const [joined, setJoined] = useState(true);
  const open = visit.data?.state === 'admitted';
  const call = useCall(appointmentId, joined && open);
  const refresh = () => queryClient.invalidateQueries({ queryKey: teleconsultationKeys.visit(appointmentId) });
  // The files shared in the call: read again when the room says one was shared.
  const files = useQuery({
    queryKey: teleconsultationKeys.files(appointmentId),
    queryFn: () => teleconsultationApi.files(appointmentId),
    enabled: open && joined,
  });
  const shareFile = async (file: File) => {
    const shared = await teleconsultationApi.shareFile(appointmentId, file);
    queryClient.setQueryData<SharedFile[]>(teleconsultationKeys.files(appointmentId), (list = []) =>
      list.some((f) => f.id === shared.id) ? list : [...list, shared],
    );
  };
  // Assistants who joined by an invitation link are named from the visit's list, kept fresh live.
  const assistantName = useAssistantNames(appointmentId, open, visit.data);
  useLiveTopic(visit.data?.role === 'patient' ? `patient-visits:${visit.data.patientId}` : null, { onEvent: refresh, onResync: refresh });

  if (visit.isPending) return <Loading label={t('common.loading')} />;
  if (visit.isError) return <ErrorAlert error={visit.error} />;
  const practitioner = visit.data.role === 'practitioner';
  const back = practitioner ? TELECONSULTATION_PATHS.waitingRoom : TELECONSULTATION_PATHS.visitOf(appointmentId);
  const nameOf = (subject: string) =>
    subject === 'me'
      ? t('teleconsultation.call.you')
      : subject === `account:${visit.data.practitioner.id}`
        ? `${t('teleconsultation.call.practitioner')} (${visit.data.practitioner.name})`
        : (assistantName(subject) ?? (practitioner ? t('teleconsultation.call.patient') : t('teleconsultation.call.participant')));
  const leave = () => {
    call.release();
    setJoined(false);
  };
  return (
    <Stack gap="md" maw={1100}>
      <PageTitle>{t('teleconsultation.call.title')}</PageTitle>
      <Anchor component={Link} to={back}>
        {t(practitioner ? 'teleconsultation.call.backToRoom' : 'teleconsultation.call.backToVisit')}
      </Anchor>
      <div role="status" aria-live="polite">
        {!open ? (
          <Alert color="blue.9" variant="light">
            {visit.data.state === 'ended' && !practitioner
              ? t('teleconsultation.call.endedByPractitioner')
              : t(`teleconsultation.states.${visit.data.state}`)}
          </Alert>
        ) : !joined ? (
          <Text>{t('teleconsultation.call.left')}</Text>
        ) : call.status === 'media-failed' ? (
          <Alert color="red.9" variant="light">
            {t(`teleconsultation.devices.failed.${call.mediaProblem ?? 'other'}`)}
          </Alert>
        ) : call.status === 'connecting' ? (
          <Text>{t('teleconsultation.call.connecting')}</Text>
        ) : call.status === 'reconnecting' ? (
          <Text>{t('teleconsultation.call.reconnecting')}</Text>
        ) : call.participants.length === 0 ? (
          <Text>{t('teleconsultation.call.waitingForOthers')}</Text>
        ) : null}
        {open && joined && call.audioOnly ? (
          <Text data-testid="audio-only">{t(`teleconsultation.call.audioOnlyReason.${call.audioOnly}`)}</Text>
        ) : null}
        {open && joined && call.sharing ? <Text>{t('teleconsultation.call.sharing')}</Text> : null}
        {call.participants
          .filter((p) => p.state === 'failed')
          .map((p) => (
            <Alert key={p.peer} color="red.9" variant="light">
              {t('teleconsultation.call.failed', { name: nameOf(p.subject) })}
            </Alert>
          ))}
      </div>
      {open && joined ? (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {call.participants.map((p) => (
              <figure key={p.peer} style={{ margin: 0 }} data-testid="remote-video">
                <Video stream={p.stream} label={t('teleconsultation.call.remoteVideo', { name: nameOf(p.subject) })} />
                <Text component="figcaption" size="sm">
                  {nameOf(p.subject)}
                </Text>
              </figure>
            ))}
            <figure style={{ margin: 0 }}>
              <Video stream={call.local} label={t('teleconsultation.call.localVideo')} muted mirrored />
              <Text component="figcaption" size="sm">
                {t('teleconsultation.call.you')}
              </Text>
            </figure>
          </SimpleGrid>
          <Group gap="xs">
            <Button variant="default" aria-pressed={!call.micOn} onClick={call.toggleMic}>
              {t(call.micOn ? 'teleconsultation.call.mute' : 'teleconsultation.call.unmute')}
            </Button>
            {call.audioOnly ? (
              <Button variant="default" onClick={() => void call.restoreVideo()}>
                {t('teleconsultation.call.restoreVideo')}
              </Button>
            ) : (
              <>
                <Button variant="default" aria-pressed={!call.cameraOn} onClick={call.toggleCamera}>
                  {t(call.cameraOn ? 'teleconsultation.call.cameraOff' : 'teleconsultation.call.cameraOn')}
                </Button>
                {call.cameras > 1 ? (
                  <Button variant="default" onClick={() => void call.switchCamera()}>
                    {t('teleconsultation.call.switchCamera')}
                  </Button>
                ) : null}
                {practitioner && (navigator.mediaDevices as Partial<MediaDevices> | undefined)?.getDisplayMedia ? (
                  <Button
                    variant="default"
                    aria-pressed={call.sharing}
                    onClick={() => void (call.sharing ? call.stopSharing() : call.shareScreen())}
                  >
                    {t(call.sharing ? 'teleconsultation.call.stopSharing' : 'teleconsultation.call.shareScreen')}
                  </Button>
                ) : null}
                <Button variant="default" onClick={() => void call.goAudioOnly()}>
                  {t('teleconsultation.call.audioOnly')}
                </Button>
              </>
            )}
            <Button color="red.9" onClick={leave}>
              {t('teleconsultation.call.leave')}
            </Button>
          </Group>
          <ChatPanel lines={call.chat} nameOf={nameOf} onSay={call.say} files={files.data ?? []} self={call.self} onShareFile={shareFile} />
          {practitioner ? <MeasurementsPanel appointmentId={appointmentId} practitionerId={visit.data.practitioner.id} /> : null}
          <InvitePanel appointmentId={appointmentId} />
        </>
      ) : null}
      {open && !joined ? (
        <Group>
          <Button onClick={() => setJoined(true)}>{t('teleconsultation.call.rejoin')}</Button>
        </Group>
      ) : null}
      {practitioner && open ? (
        <EndActPanel
          appointmentId={appointmentId}
          beforeEnd={call.reportQuality}
          onEnded={() => {
            call.release();
            void navigate(TELECONSULTATION_PATHS.waitingRoom);
          }}
        />
      ) : null}
    </Stack>
  );
}
