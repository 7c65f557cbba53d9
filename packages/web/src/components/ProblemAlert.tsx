import { Alert, List, Text } from '@mantine/core';

/** What a form shows of an RFC 9457 problem: the title, and the field errors no input displays. */
export interface ShownProblem {
  title: string;
  errors?: readonly { field: string; message: string }[];
}

/**
 * The problem's title, announced (role=alert); field errors belonging to an input are shown next to
 * it, so only the others (`shownFields` lists the fields the form displays) are listed here. The title
 * is content, not the alert's label: a label would make the alert answer to an input's name
 * ("Code de vérification incorrect" contains "Code de vérification").
 */
export function ProblemAlert({ problem, shownFields = [] }: { problem: ShownProblem | null | undefined; shownFields?: readonly string[] }) {
  if (!problem) return null;
  const others = (problem.errors ?? []).filter((error) => !shownFields.includes(error.field));
  return (
    <Alert color="red.9" variant="light" role="alert">
      <Text fw={700} size="sm">
        {problem.title}
      </Text>
      {others.length > 0 ? (
        <List size="sm" mt={4}>
          {others.map((error) => (
            <List.Item key={`${error.field}:${error.message}`}>
              {error.message} ({error.field})
            </List.Item>
          ))}
        </List>
      ) : null}
    </Alert>
  );
}
