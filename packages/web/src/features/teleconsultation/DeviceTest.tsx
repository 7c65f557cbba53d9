import { Alert, Button, Group, NativeSelect, Paper, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chooseDevices, chosenDevices, mediaConstraints, mediaFailure } from './call/devices.js';
import { Video } from './Video.js';

/**
 * The device test of the waiting room and the test page: the camera's preview, the microphone's
 * level, the choice of each (kept on this device for the calls), the speaker, and plain advice when
 * something fails.
 */
export function DeviceTest() {
  const { t } = useTranslation();
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [chosen, setChosen] = useState(chosenDevices);
  const [level, setLevel] = useState(0);
  const frame = useRef<number | undefined>(undefined);

  const stop = () => {
    stream?.getTracks().forEach((track) => track.stop());
    setStream(null);
    if (frame.current) cancelAnimationFrame(frame.current);
    setLevel(0);
  };

  const start = async (choice = chosen) => {
    stop();
    setProblem(null);
    if (!navigator.mediaDevices?.getUserMedia) return setProblem('unsupported');
    try {
      const media = await navigator.mediaDevices.getUserMedia(mediaConstraints(choice));
      setStream(media);
      setDevices(await navigator.mediaDevices.enumerateDevices());
    } catch (error) {
      setProblem(mediaFailure(error));
    }
  };

  // The microphone's level, from an analyser on its track, as long as the test runs.
  useEffect(() => {
    if (!stream || stream.getAudioTracks().length === 0) return;
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    context.createMediaStreamSource(stream).connect(analyser);
    const samples = new Uint8Array(analyser.fftSize);
    const measure = () => {
      analyser.getByteTimeDomainData(samples);
      let peak = 0;
      for (const sample of samples) peak = Math.max(peak, Math.abs(sample - 128));
      setLevel(Math.min(100, Math.round((peak / 128) * 200)));
      frame.current = requestAnimationFrame(measure);
    };
    measure();
    return () => {
      if (frame.current) cancelAnimationFrame(frame.current);
      void context.close();
    };
  }, [stream]);

  useEffect(() => () => stream?.getTracks().forEach((track) => track.stop()), [stream]);

  const choose = (kind: 'audio' | 'video', deviceId: string) => {
    const next = { ...chosen, [kind]: deviceId };
    setChosen(next);
    chooseDevices(next);
    void start(next);
  };
  const options = (kind: MediaDeviceKind) =>
    devices.filter((d) => d.kind === kind).map((d, i) => ({ value: d.deviceId, label: d.label || `${kind} ${i + 1}` }));

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="devices-heading">
      <Title order={2} fz="h4" id="devices-heading" mb="xs">
        {t('teleconsultation.devices.title')}
      </Title>
      <Stack gap="sm">
        <Group>
          {stream ? (
            <Button variant="default" onClick={stop}>
              {t('teleconsultation.devices.stop')}
            </Button>
          ) : (
            <Button variant="default" onClick={() => void start()}>
              {t('teleconsultation.devices.start')}
            </Button>
          )}
        </Group>
        <SpeakerTest />
        {problem ? (
          <Alert color="red.9" variant="light" role="alert">
            {t(`teleconsultation.devices.failed.${problem}`)}
          </Alert>
        ) : null}
        {stream ? (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Video stream={stream} label={t('teleconsultation.devices.preview')} muted mirrored />
            <Stack gap="xs">
              <NativeSelect
                label={t('teleconsultation.devices.camera')}
                data={options('videoinput')}
                value={stream.getVideoTracks()[0]?.getSettings().deviceId ?? ''}
                onChange={(event) => choose('video', event.currentTarget.value)}
              />
              <NativeSelect
                label={t('teleconsultation.devices.microphone')}
                data={options('audioinput')}
                value={stream.getAudioTracks()[0]?.getSettings().deviceId ?? ''}
                onChange={(event) => choose('audio', event.currentTarget.value)}
              />
              <Text size="sm" id="level-label">
                {t('teleconsultation.devices.level')}
              </Text>
              <Progress
                value={level}
                aria-labelledby="level-label"
                role="meter"
                aria-valuenow={level}
                aria-valuemin={0}
                aria-valuemax={100}
              />
              <Text size="sm">{t('teleconsultation.devices.speak')}</Text>
              <Text size="sm" role="status">
                {t('teleconsultation.devices.ok')}
              </Text>
              <Text size="sm">{t('teleconsultation.devices.kept')}</Text>
            </Stack>
          </SimpleGrid>
        ) : null}
      </Stack>
    </Paper>
  );
}

type SinkableAudio = HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };

/**
 * The speaker test: a short chime played through an audio element (so that the chosen output
 * applies), then "did you hear it?": yes, or advice on what to check.
 */
export function SpeakerTest() {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<'idle' | 'playing' | 'asking' | 'heard' | 'not-heard'>('idle');
  const [outputs, setOutputs] = useState<MediaDeviceInfo[]>([]);
  const [output, setOutput] = useState(() => chosenDevices().output ?? '');
  const audio = useRef<SinkableAudio>(null);
  const canChoose = typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;

  const play = async () => {
    const element = audio.current;
    if (!element) return;
    setPhase('playing');
    const context = new AudioContext();
    const destination = context.createMediaStreamDestination();
    const gain = context.createGain();
    gain.gain.value = 0.25;
    gain.connect(destination);
    // Three rising notes (C5, E5, G5), a third of a second each.
    [523.25, 659.25, 783.99].forEach((frequency, i) => {
      const note = context.createOscillator();
      note.frequency.value = frequency;
      note.connect(gain);
      note.start(context.currentTime + i * 0.35);
      note.stop(context.currentTime + i * 0.35 + 0.3);
    });
    element.srcObject = destination.stream;
    if (output && element.setSinkId) await element.setSinkId(output).catch(() => {});
    await element.play().catch(() => {});
    window.setTimeout(() => {
      element.pause();
      element.srcObject = null;
      void context.close();
      setPhase('asking');
    }, 1_200);
    if (canChoose) setOutputs((await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'audiooutput'));
  };

  const chooseOutput = (deviceId: string) => {
    setOutput(deviceId);
    chooseDevices({ ...chosenDevices(), output: deviceId });
  };

  return (
    <Stack gap="xs" data-testid="speaker-test">
      <Text fw={700}>{t('teleconsultation.devices.speaker')}</Text>
      <audio ref={audio} data-testid="speaker-tone" />
      <Group>
        <Button variant="default" onClick={() => void play()} loading={phase === 'playing'}>
          {t('teleconsultation.devices.speakerTest')}
        </Button>
      </Group>
      {canChoose && outputs.length > 1 ? (
        <NativeSelect
          label={t('teleconsultation.devices.speaker')}
          data={outputs.map((d, i) => ({ value: d.deviceId, label: d.label || `${t('teleconsultation.devices.speaker')} ${i + 1}` }))}
          value={output}
          onChange={(event) => chooseOutput(event.currentTarget.value)}
        />
      ) : null}
      <div role="status" aria-live="polite">
        {phase === 'playing' ? <Text size="sm">{t('teleconsultation.devices.speakerPlaying')}</Text> : null}
        {phase === 'asking' ? (
          <Group gap="xs" role="group" aria-label={t('teleconsultation.devices.speakerHeard')}>
            <Text size="sm">{t('teleconsultation.devices.speakerHeard')}</Text>
            <Button size="xs" onClick={() => setPhase('heard')}>
              {t('teleconsultation.devices.yes')}
            </Button>
            <Button size="xs" variant="default" onClick={() => setPhase('not-heard')}>
              {t('teleconsultation.devices.no')}
            </Button>
          </Group>
        ) : null}
        {phase === 'heard' ? <Text size="sm">{t('teleconsultation.devices.speakerOk')}</Text> : null}
        {phase === 'not-heard' ? (
          <Alert color="orange.9" variant="light">
            {t('teleconsultation.devices.speakerAdvice')}
          </Alert>
        ) : null}
      </div>
    </Stack>
  );
}
