import { Alert, Anchor, Button, FileButton, Group, Image, Stack, Text } from '@mantine/core';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/problem.js';
import { MAX_SHARED_FILE_BYTES, SHARED_FILE_ACCEPT, type SharedFile } from './api.js';

const ACCEPTED_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'application/pdf']);
type FileError = 'file_type' | 'too_big' | 'too_small' | 'other';

/** Why a file was refused, from our catalogue: the server's field code, or what the browser already knows. */
function errorOf(error: unknown): FileError {
  const code = error instanceof ApiProblem ? error.errors.find((e) => e.field === 'file')?.code : undefined;
  return code === 'file_type' || code === 'too_big' || code === 'too_small' ? code : 'other';
}

/**
 * Shares a file in the call: an image or a PDF, checked here for a quick answer (size, declared
 * type) and by the server for good (its first bytes); refused with the reason in words.
 */
export function FileShareButton({ onShare }: { onShare: (file: File) => Promise<unknown> }) {
  const { t } = useTranslation();
  const hintId = useId();
  const [sending, setSending] = useState<string | null>(null);
  const [error, setError] = useState<FileError | null>(null);
  const share = async (file: File | null) => {
    if (!file) return;
    setError(null);
    if (file.size === 0) return setError('too_small');
    if (file.size > MAX_SHARED_FILE_BYTES) return setError('too_big');
    if (file.type && !ACCEPTED_TYPES.has(file.type)) return setError('file_type');
    setSending(file.name);
    try {
      await onShare(file);
    } catch (failure) {
      setError(errorOf(failure));
    } finally {
      setSending(null);
    }
  };
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="wrap">
        <FileButton onChange={(file) => void share(file)} accept={SHARED_FILE_ACCEPT} inputProps={{ 'aria-describedby': hintId }}>
          {(props) => (
            <Button {...props} variant="default" loading={sending !== null} aria-describedby={hintId}>
              {t('teleconsultation.files.share')}
            </Button>
          )}
        </FileButton>
        <Text size="xs" c="dimmed" id={hintId} style={{ flex: '1 1 12rem' }}>
          {t('teleconsultation.files.hint')}
        </Text>
      </Group>
      <div role="status" aria-live="polite">
        {sending ? <Text size="sm">{t('teleconsultation.files.sending', { name: sending })}</Text> : null}
      </div>
      {error ? (
        <Alert color="red.9" variant="light" role="alert">
          {t(`teleconsultation.files.errors.${error}`)}
        </Alert>
      ) : null}
    </Stack>
  );
}

/** A size as people read it: in ko under a megabyte, in Mo over. */
function useSize() {
  const { t, i18n } = useTranslation();
  return (bytes: number) => {
    const format = (value: number) => new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(value);
    return bytes < 1024 * 1024
      ? t('teleconsultation.files.sizeKb', { value: format(Math.max(bytes / 1024, 0.1)) })
      : t('teleconsultation.files.sizeMb', { value: format(bytes / (1024 * 1024)) });
  };
}

/**
 * Where the file is read from: its own address with the session's cookie, or (for the assistant,
 * whose credential goes in a header) a copy fetched as a blob, let go when the line goes.
 */
function useFileHref(file: SharedFile, fetchBlob?: (url: string) => Promise<Blob>): string | null {
  const [blobHref, setBlobHref] = useState<string | null>(null);
  useEffect(() => {
    if (!fetchBlob) return;
    let url: string | null = null;
    let stopped = false;
    void fetchBlob(file.url)
      .then((blob) => {
        if (stopped) return;
        url = URL.createObjectURL(blob);
        setBlobHref(url);
      })
      .catch(() => {});
    return () => {
      stopped = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [file.url, fetchBlob]);
  return fetchBlob ? blobHref : file.url;
}

/** A file in the chat's log: who shared it (`null`: this participant), a link to download it, and an image's thumbnail. */
export function SharedFileLine({
  file,
  sender,
  fetchBlob,
}: {
  file: SharedFile;
  sender: string | null;
  fetchBlob?: (url: string) => Promise<Blob>;
}) {
  const { t } = useTranslation();
  const size = useSize();
  const href = useFileHref(file, fetchBlob);
  return (
    <Stack gap={2} data-testid="shared-file">
      <Text size="sm">
        <strong>{sender === null ? t('teleconsultation.files.sharedByYou') : t('teleconsultation.files.shared', { name: sender })}</strong>{' '}
        {href ? (
          <Anchor href={href} download={file.name} style={{ overflowWrap: 'anywhere' }}>
            {t('teleconsultation.files.download', { name: file.name, size: size(file.size) })}
          </Anchor>
        ) : (
          <span style={{ overflowWrap: 'anywhere' }}>{file.name}</span>
        )}
      </Text>
      {href && file.mediaType.startsWith('image/') ? (
        <Image
          src={href}
          alt={t('teleconsultation.files.preview', { name: file.name })}
          maw={160}
          mah={120}
          fit="contain"
          radius="sm"
          style={{ objectPosition: 'left' }}
        />
      ) : null}
    </Stack>
  );
}
