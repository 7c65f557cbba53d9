import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatLine } from './call/mesh.js';

/** The call's text chat: peer to peer on a data channel, nothing kept by the server. */
export function ChatPanel({
  lines,
  nameOf,
  onSay,
}: {
  lines: readonly ChatLine[];
  nameOf: (from: string) => string;
  onSay: (text: string) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSay(text);
    setText('');
  };
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="chat-heading">
      <Title order={2} fz="h4" id="chat-heading" mb="xs">
        {t('teleconsultation.call.chat')}
      </Title>
      <Stack gap={4} role="log" aria-live="polite" mah={220} style={{ overflowY: 'auto' }} mb="xs">
        {lines.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('teleconsultation.call.noMessages')}
          </Text>
        ) : null}
        {lines.map((line) => (
          <Text size="sm" key={`${line.at}-${line.from}-${line.text}`}>
            <strong>{t('teleconsultation.call.from', { name: nameOf(line.from) })}</strong> {line.text}
          </Text>
        ))}
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
    </Paper>
  );
}
