import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SharedFile } from './api.js';
import type { ChatLine } from './call/mesh.js';
import { FileShareButton, SharedFileLine } from './FileShare.js';

type Entry = { at: number; line: ChatLine } | { at: number; file: SharedFile };

/**
 * The call's text chat: peer to peer on a data channel, nothing kept by the server. Files shared in
 * the call are the exception: sent to the server (kept in the patient's record), they show in the
 * same log, in the order of the messages.
 */
export function ChatPanel({
  lines,
  nameOf,
  onSay,
  files = [],
  self = null,
  onShareFile,
  fetchBlob,
}: {
  lines: readonly ChatLine[];
  nameOf: (from: string) => string;
  onSay: (text: string) => void;
  files?: readonly SharedFile[];
  /** How the room names this participant: their own files read « Vous ». */
  self?: string | null;
  onShareFile?: (file: File) => Promise<unknown>;
  /** For a participant without a session (the assistant): how to read a file. */
  fetchBlob?: (url: string) => Promise<Blob>;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSay(text);
    setText('');
  };
  const entries: Entry[] = [
    ...lines.map((line) => ({ at: line.at, line })),
    ...files.map((file) => ({ at: Date.parse(file.sharedAt), file })),
  ].sort((a, b) => a.at - b.at);
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="chat-heading">
      <Title order={2} fz="h4" id="chat-heading" mb="xs">
        {t('teleconsultation.call.chat')}
      </Title>
      <Stack gap={4} role="log" aria-live="polite" mah={320} style={{ overflowY: 'auto' }} mb="xs">
        {entries.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('teleconsultation.call.noMessages')}
          </Text>
        ) : null}
        {entries.map((entry) =>
          'file' in entry ? (
            <SharedFileLine
              key={entry.file.id}
              file={entry.file}
              sender={entry.file.sharedBy.subject === self ? null : nameOf(entry.file.sharedBy.subject)}
              fetchBlob={fetchBlob}
            />
          ) : (
            <Text size="sm" key={`${entry.line.at}-${entry.line.from}-${entry.line.text}`} style={{ overflowWrap: 'anywhere' }}>
              <strong>{t('teleconsultation.call.from', { name: nameOf(entry.line.from) })}</strong> {entry.line.text}
            </Text>
          ),
        )}
      </Stack>
      <form onSubmit={submit}>
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <TextInput
            label={t('teleconsultation.call.chatMessage')}
            value={text}
            maxLength={2000}
            onChange={(event) => setText(event.currentTarget.value)}
            style={{ flex: 1 }}
          />
          <Button type="submit" variant="default" disabled={!text.trim()}>
            {t('teleconsultation.call.send')}
          </Button>
        </Group>
      </form>
      {onShareFile ? (
        <Stack mt="xs">
          <FileShareButton onShare={onShareFile} />
        </Stack>
      ) : null}
    </Paper>
  );
}
