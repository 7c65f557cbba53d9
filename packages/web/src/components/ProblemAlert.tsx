import { Alert, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/problem.js';

/** What a screen shows of a problem: its title, and the details no input displays. */
export interface ShownProblem {
  title: string;
  details?: readonly string[];
}

/**
 * The problem's title, announced (role=alert), and the details no input shows. The title is
 * content, not the alert's label: a label would make the alert answer to an input's name
 * ("Code de vérification incorrect" contains "Code de vérification").
 */
export function ProblemAlert({ problem }: { problem: ShownProblem | null | undefined }) {
  if (!problem) return null;
  const details = problem.details ?? [];
  return (
    <Alert color="red.9" variant="light" role="alert">
      <Text fw={700} size="sm">
        {problem.title}
      </Text>
      {details.length > 0 ? (
        <List size="sm" mt={4}>
          {details.map((detail) => (
            <List.Item key={detail}>{detail}</List.Item>
          ))}
        </List>
      ) : null}
    </Alert>
  );
}

/** A failed read: the server's problem title, or our own words for anything else. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return <ProblemAlert problem={{ title: error instanceof ApiProblem ? error.title : t('common.unexpected') }} />;
}
