import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

// The caption names the table for screen readers; on screen, the page's headings already do.
const VISUALLY_HIDDEN = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

/**
 * A table that scrolls sideways on a narrow screen instead of widening the page; the scrolling
 * region is named and focusable, so it can be scrolled from the keyboard.
 */
export function ScrollTable({
  label,
  minWidth,
  caption,
  children,
}: {
  label: string;
  minWidth: number;
  caption?: string;
  children: ReactNode;
}) {
  return (
    <div role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto', position: 'relative' }}>
      <Table miw={minWidth} striped verticalSpacing="xs">
        {caption ? <Table.Caption style={VISUALLY_HIDDEN}>{caption}</Table.Caption> : null}
        {children}
      </Table>
    </div>
  );
}
