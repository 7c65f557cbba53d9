import { Badge } from '@mantine/core';

const TONES = { positive: 'green', warning: 'orange', negative: 'red', neutral: 'gray', info: 'parcours' } as const;

/**
 * A short status on a pale tint. The words stay dark (the tinted text of Mantine's light badges
 * falls short of 4.5:1) and whole (no capitals, no ellipsis).
 */
export function StatusBadge({ tone, children }: { tone: keyof typeof TONES; children: string }) {
  return (
    <Badge variant="light" color={TONES[tone]} c="dark.8" tt="none" fw={600} styles={{ label: { overflow: 'visible' } }}>
      {children}
    </Badge>
  );
}
