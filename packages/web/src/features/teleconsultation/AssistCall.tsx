import { Alert, Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { assistApi, assistKeys, type AssistVisit } from './api.js';
import { mediaConstraints, mediaFailure } from './call/devices.js';
import { Mesh, type ChatLine, type Participant, type Signal } from './call/mesh.js';
import { RoomSocket } from './call/signaling.js';
import { ChatPanel } from './ChatPanel.js';
import { MeasurementForm } from './MeasurementForm.js';
import { Video } from './Video.js';

interface AssistCallState {
  status: 'connecting' | 'in-call' | 'reconnecting' | 'refused' | 'media-failed';
  mediaProblem: string | null;
  local: MediaStream | null;
  participants: Participant[];
  chat: ChatLine[];
  micOn: boolean;
  cameraOn: boolean;
}

/**
 * The assistant's side of the call: the same mesh and signaling as the patient's and the
 * practitioner's, with a room token the assistant's credential obtains; a lost socket is joined again
 * with a fresh token.
 */
function useAssistCall(credential: string, joined: boolean) {
  const { i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<AssistCallState>({
    status: 'connecting',
    mediaProblem: null,
    local: null,
    participants: [],
    chat: [],
    micOn: true,
    cameraOn: true,
  });
  const mesh = useRef<Mesh | null>(null);
  const local = useRef<MediaStream | null>(null);

  useEffect(() => {
    if (!joined) return;
    let stopped = false;
    let socket: RoomSocket | undefined;
    const subjects = new Map<string, string>();
    const update = () => {
      if (stopped || !mesh.current) return;
      setState((s) => ({ ...s, participants: mesh.current!.participants(), chat: [...mesh.current!.chat] }));
    };
    void (async () => {
      setState((s) => ({ ...s, status: attempt === 0 ? 'connecting' : 'reconnecting' }));
      try {
        local.current ??= await navigator.mediaDevices.getUserMedia(mediaConstraints());
      } catch (error) {
        if (!stopped) setState((s) => ({ ...s, status: 'media-failed', mediaProblem: mediaFailure(error) }));
        return;
      }
      let token;
      try {
        token = await assistApi.roomToken(credential);
      } catch {
        if (!stopped) setState((s) => ({ ...s, status: 'refused' }));
        return;
      }
      if (stopped) return;
      const call = new Mesh(local.current, token.iceServers, token.subject, (to, signal) => socket?.send(to, signal), update);
      mesh.current = call;
      setState((s) => ({ ...s, local: local.current, status: 'in-call' }));
      socket = new RoomSocket(token.token, token.topic, i18n.language, {
        onJoined: (_self, peers) => {
          for (const { peer, subject } of peers) {
            subjects.set(peer, subject);
            call.call(peer, subject);
          }
        },
        onPeer: ({ peer, subject }, present) => {
          if (present) {
            subjects.set(peer, subject);
            call.joined(peer, subject);
          } else call.leave(peer);
        },
        onSignal: (from, data) => void call.signal(from, subjects.get(from) ?? from, data as Signal).catch(() => {}),
        onEvent: (event) => {
          if (event === 'file.shared') void queryClient.invalidateQueries({ queryKey: assistKeys.files(credential) });
        },
        onClosed: (final) => {
          if (stopped) return;
          call.close();
          if (final) return setState((s) => ({ ...s, status: 'refused' }));
          window.setTimeout(() => !stopped && setAttempt((n) => n + 1), 1_000);
        },
      });
    })();
    return () => {
      stopped = true;
      socket?.close();
      mesh.current?.close();
      mesh.current = null;
    };
  }, [credential, joined, attempt, i18n.language, queryClient]);

  // Leaving (or the page going): the camera and microphone are let go.
  useEffect(() => {
    if (joined) return;
    local.current?.getTracks().forEach((track) => track.stop());
    local.current = null;
    setState((s) => ({ ...s, local: null, participants: [] }));
  }, [joined]);
  useEffect(() => () => local.current?.getTracks().forEach((track) => track.stop()), []);

  const toggle = (kind: 'audio' | 'video') => {
    const tracks = kind === 'audio' ? local.current?.getAudioTracks() : local.current?.getVideoTracks();
    const on = !(tracks?.[0]?.enabled ?? true);
    tracks?.forEach((track) => (track.enabled = on));
    setState((s) => (kind === 'audio' ? { ...s, micOn: on } : { ...s, cameraOn: on }));
  };
  return {
    ...state,
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
