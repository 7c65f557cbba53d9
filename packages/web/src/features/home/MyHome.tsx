import { Alert, Anchor, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useNavigationItems } from '../../app/navigation.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ErrorAlert } from '../../components/ProblemAlert.js';
import { identityApi, type Me, type PendingInvitation } from '../identity/api.js';
import { PATHS } from '../identity/paths.js';
import { useRefreshSession } from '../identity/session.js';

const INVITATIONS_KEY = ['identity', 'my-invitations'] as const;

/**
 * Where a signed-in person lands: what waits for their answer (an invitation to join an
 * organisation, a second factor to turn on), then what they can do next, from their own navigation.
 */
export function MyHome({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const next = useNavigationItems().filter((item) => item.to !== '/');
  // A page's short description, where its feature gives one (`billing.navHints.estimate`).
  const hint = (label: string) => label.replace('.nav.', '.navHints.');
  return (
    <Stack gap="lg" maw={960}>
      <PageTitle>{t('home.mine.title', { name: me.givenName })}</PageTitle>
      <Text size="lg">{t('home.mine.intro')}</Text>
      <Invitations />
      {!me.secondFactor.enrolled ? (
        <Alert color="blue.9" variant="light">
          <Text size="sm">
            {t('home.mine.secondFactor')}{' '}
            <Anchor component={Link} to={PATHS.profile} fw={700}>
              {t('home.mine.secondFactorLink')}
            </Anchor>
          </Text>
        </Alert>
      ) : null}
      <section aria-labelledby="next-heading">
        <Title order={2} id="next-heading" mb="sm">
          {t('home.mine.next')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {next.map((item) => (
            <Card component="li" key={item.to} withBorder padding="md">
              <Anchor component={Link} to={item.to} fw={700}>
                {t(item.label)}
              </Anchor>
              {i18n.exists(hint(item.label)) ? (
                <Text size="sm" mt={4}>
                  {t(hint(item.label))}
                </Text>
              ) : null}
            </Card>
          ))}
        </SimpleGrid>
      </section>
    </Stack>
  );
}

/** Invitations to join an organisation: the person accepts (and becomes a member) or declines. */
function Invitations() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const refreshSession = useRefreshSession();
  const invitations = useQuery({ queryKey: INVITATIONS_KEY, queryFn: identityApi.invitations });
  const reply = useMutation({
    mutationFn: ({ invitation, answer }: { invitation: PendingInvitation; answer: 'accept' | 'decline' }) =>
      identityApi.answerInvitation(invitation.id, answer),
    onSuccess: async (_nothing, { answer }) => {
      await queryClient.invalidateQueries({ queryKey: INVITATIONS_KEY });
      // A new membership: new roles, a new navigation.
      if (answer === 'accept') await refreshSession();
    },
  });
  if (invitations.isError) return <ErrorAlert error={invitations.error} />;
  const pending = invitations.data ?? [];
  const done = reply.isSuccess ? reply.variables : null;
  if (pending.length === 0 && !done) return null;
  return (
    <Stack gap="sm" component="section" aria-labelledby="invitations-heading">
      <Title order={2} id="invitations-heading">
        {t('home.mine.invitations')}
      </Title>
      {done ? (
        <Alert color="green.9" variant="light" role="status">
          {t(done.answer === 'accept' ? 'home.mine.accepted' : 'home.mine.declined', {
            organisation: done.invitation.organisationName,
          })}
        </Alert>
      ) : null}
      <ErrorAlert error={reply.error} />
      {pending.map((invitation) => (
        <Card key={invitation.id} withBorder padding="md">
          <Text id={`invitation-${invitation.id}`}>
            {t('home.mine.invitation', {
              organisation: invitation.organisationName,
              role: t(`identity.roles.${invitation.role}`),
            })}
          </Text>
          <Group mt="sm">
            <Button
              onClick={() => reply.mutate({ invitation, answer: 'accept' })}
              loading={reply.isPending && reply.variables.invitation.id === invitation.id && reply.variables.answer === 'accept'}
              aria-describedby={`invitation-${invitation.id}`}
            >
              {t('home.mine.accept')}
            </Button>
            <Button
              variant="default"
              onClick={() => reply.mutate({ invitation, answer: 'decline' })}
              loading={reply.isPending && reply.variables.invitation.id === invitation.id && reply.variables.answer === 'decline'}
              aria-describedby={`invitation-${invitation.id}`}
            >
              {t('home.mine.decline')}
            </Button>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
