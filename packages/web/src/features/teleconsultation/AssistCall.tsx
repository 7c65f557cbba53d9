import { Alert, Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { assistApi, assistKeys, type AssistVisit } from './api.js';
import { mediaConstraints, toggleTracks } from './call/devices.js';
import { useRoom } from './call/useRoom.js';
import { ChatPanel } from './ChatPanel.js';
import { MeasurementForm } from './MeasurementForm.js';
import { Video } from './Video.js';

/**
 * The assistant's side of the call: the same room as the patient's and the practitioner's (useRoom),
 * with a room token the assistant's credential obtains.
 */
function useAssistCall(credential: string, joined: boolean) {
  const [own, setOwn] = useState({ micOn: true, cameraOn: true });
  const { state, mesh, local, letMediaGo } = useRoom(credential, joined, {
    token: () => assistApi.roomToken(credential),
    openMedia: () => navigator.mediaDevices.getUserMedia(mediaConstraints()),
    files: assistKeys.files(credential),
  });

  // Leaving (or the page going): the camera and microphone are let go.
  useEffect(() => {
    if (!joined) letMediaGo();
  }, [joined, letMediaGo]);
  useEffect(() => letMediaGo, [letMediaGo]);

  const toggle = (kind: 'audio' | 'video') => {
    const on = toggleTracks(local.current, kind);
    setOwn((s) => (kind === 'audio' ? { ...s, micOn: on } : { ...s, cameraOn: on }));
  };
  return {
    ...state,
    ...own,
    toggleMic: () => toggle('audio'),
    toggleCamera: () => toggle('video'),
    say: (text: string) => mesh.current?.say(text),
  };
}

/** The assistant in the admitted visit: the videos, their controls, the chat, and the measurements to share. */
export function AssistCall({ credential, visit }: { credential: string; visit: AssistVisit }) {
  const { t } = useTranslation();
  const [joined, setJoined] = useState(true);
  const call = useAssistCall(credential, joined);
  const queryClient = useQueryClient();
  const files = useQuery({ queryKey: assistKeys.files(credential), queryFn: () => assistApi.files(credential), enabled: joined });
  const shareFile = async (file: File) => {
    await assistApi.shareFile(credential, file);
    await queryClient.invalidateQueries({ queryKey: assistKeys.files(credential) });
  };
  const fetchBlob = useCallback((url: string) => assistApi.fileBlob(credential, url), [credential]);
  const nameOf = (subject: string) =>
    subject === 'me' || subject === visit.assistant.subject
      ? t('teleconsultation.assist.you', { name: visit.assistant.name })
      : subject === `account:${visit.practitioner.id}`
        ? t('teleconsultation.assist.practitioner', { name: visit.practitioner.name })
        : subject.startsWith('account:')
          ? t('teleconsultation.assist.patient')
          : t('teleconsultation.assist.participant');
  return (
    <Stack gap="md">
      <div role="status" aria-live="polite">
        {!joined ? (
          <Text>{t('teleconsultation.call.left')}</Text>
        ) : call.status === 'media-failed' ? (
          <Alert color="red.9" variant="light">
            {t(`teleconsultation.devices.failed.${call.mediaProblem ?? 'other'}`)}
          </Alert>
        ) : call.status === 'refused' ? (
          <Alert color="red.9" variant="light">
            {t('teleconsultation.assist.expired')}
          </Alert>
        ) : call.status === 'connecting' ? (
          <Text>{t('teleconsultation.call.connecting')}</Text>
        ) : call.status === 'reconnecting' ? (
          <Text>{t('teleconsultation.call.reconnecting')}</Text>
        ) : call.participants.length === 0 ? (
          <Text>{t('teleconsultation.call.waitingForOthers')}</Text>
        ) : null}
      </div>
      {joined ? (
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
            <Button variant="default" aria-pressed={!call.cameraOn} onClick={call.toggleCamera}>
              {t(call.cameraOn ? 'teleconsultation.call.cameraOff' : 'teleconsultation.call.cameraOn')}
            </Button>
            <Button color="red.9" onClick={() => setJoined(false)}>
              {t('teleconsultation.call.leave')}
            </Button>
          </Group>
        </>
      ) : (
        <Group>
          <Button onClick={() => setJoined(true)}>{t('teleconsultation.call.rejoin')}</Button>
        </Group>
      )}
      <MeasurementForm credential={credential} />
      {joined ? (
        <ChatPanel
          lines={call.chat}
          nameOf={nameOf}
          onSay={(text) => call.say(text)}
          files={files.data ?? []}
          self={visit.assistant.subject}
          onShareFile={shareFile}
          fetchBlob={fetchBlob}
        />
      ) : null}
    </Stack>
  );
}
