import { Alert, Button, Group, NativeSelect, Paper, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chooseDevices, chosenDevices, mediaConstraints, mediaFailure } from './call/devices.js';
import { Video } from './Video.js';

/**
 * The device test of the waiting room: the camera's preview, the microphone's level, the choice of
 * each (kept for the call), and plain advice when something fails.
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
            </Stack>
          </SimpleGrid>
        ) : null}
      </Stack>
    </Paper>
  );
}
