import { Group, Loader, Text } from '@mantine/core';

/** A spinner with its words, announced politely. */
export function Loading({ label }: { label: string }) {
  return (
    <Group gap="xs" role="status" aria-live="polite">
      <Loader size="sm" aria-hidden />
      <Text size="sm">{label}</Text>
    </Group>
  );
}
