import { Card, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ScrollTable } from './ScrollTable.js';

export interface Column<Row> {
  key: string;
  header: string;
  cell: (row: Row) => ReactNode;
  /** The column that names the row: the table's row header, the card's title. Exactly one. */
  primary?: boolean;
  /** On a card, the cell alone, without its header (an action whose words say what it does). */
  bare?: boolean;
}

/** Below Mantine's `sm` breakpoint (48em): a phone, held upright or sideways. */
export const PHONE_QUERY = '(max-width: 47.99em)';

/**
 * Rows of data: a table where there is room, a list of cards on a phone, where a table would hide
 * its right-hand columns behind a sideways scroll (an action, a status). Each card is titled by the
 * row's primary cell and lists the others as label–value pairs.
 */
export function ResponsiveTable<Row>({
  label,
  caption,
  minWidth,
  columns,
  rows,
  rowKey,
}: {
  /** Names the table (or the list of cards) for screen readers. */
  label: string;
  caption?: string;
  minWidth: number;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => string;
}) {
  const { t } = useTranslation();
  // Read at once (no flash of the table on a phone): the app renders in the browser only.
  const phone = useMediaQuery(PHONE_QUERY, undefined, { getInitialValueInEffect: false });
  const primary = columns.find((column) => column.primary) ?? columns[0]!;
  if (phone) {
    return (
      <Stack component="ul" gap="sm" aria-label={label} p={0} m={0} style={{ listStyle: 'none' }}>
        {rows.map((row, index) => (
          <Card component="li" key={rowKey(row, index)} withBorder padding="sm">
            <Text fw={700}>{primary.cell(row)}</Text>
            <Stack component="dl" gap={4} mt={6} mb={0}>
              {columns
                .filter((column) => column !== primary && !column.bare)
                .map((column) => (
                  <div key={column.key}>
                    <Text component="dt" size="sm" c="dimmed" display="inline">
                      {t('common.label', { label: column.header })}{' '}
                    </Text>
                    <Text component="dd" size="sm" display="inline" m={0} style={{ overflowWrap: 'anywhere' }}>
                      {column.cell(row)}
                    </Text>
                  </div>
                ))}
            </Stack>
            {columns
              .filter((column) => column.bare)
              .map((column) => (
                <div key={column.key} style={{ marginTop: 6 }}>
                  {column.cell(row)}
                </div>
              ))}
          </Card>
        ))}
      </Stack>
    );
  }
  return (
    <ScrollTable label={label} caption={caption} minWidth={minWidth}>
      <Table.Thead>
        <Table.Tr>
          {columns.map((column) => (
            <Table.Th key={column.key} scope="col">
              {column.header}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row, index) => (
          <Table.Tr key={rowKey(row, index)}>
            {columns.map((column) =>
              column === primary ? (
                <Table.Th key={column.key} scope="row" fw={500}>
                  {column.cell(row)}
                </Table.Th>
              ) : (
                <Table.Td key={column.key}>{column.cell(row)}</Table.Td>
              ),
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}
