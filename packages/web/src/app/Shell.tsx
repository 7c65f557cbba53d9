import { Anchor, AppShell, Burger, Button, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink as RouterNavLink, Outlet, useLocation } from 'react-router';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import { identityApi, type Me } from '../features/identity/api.js';
import { useAccountLive } from '../features/identity/live.js';
import { PATHS } from '../features/identity/paths.js';
import { isSignedIn, rolesOf, SESSION_KEY, useSession, useSignOut } from '../features/identity/session.js';
import { setLanguage, type Language } from '../i18n/index.js';
import { NavigationContext, navigationFor } from './navigation.js';
import { FEATURES } from './routes.js';

/**
 * On sign-in (or on opening the app signed in), the interface takes the account's language; the
 * device's own choice only holds for visitors.
 */
function useAccountLanguage(me: Me | null | undefined): void {
  const adoptedFor = useRef<string | null>(null);
  const accountId = me?.id ?? null;
  const locale = me?.locale;
  useEffect(() => {
    if (!accountId || !locale) {
      adoptedFor.current = null;
      return;
    }
    if (adoptedFor.current === accountId) return;
    adoptedFor.current = accountId;
    void setLanguage(locale);
  }, [accountId, locale]);
}

/** The pages that offer their own way to log in (the log-in steps, the e-mail confirmation) need no header link. */
function offersSignIn(pathname: string): boolean {
  return !pathname.startsWith(PATHS.login) && pathname !== PATHS.verifyEmail;
}

/** Header, navigation for the user's roles, and the main landmark; the navigation folds away on a phone. */
export function Shell() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const queryClient = useQueryClient();
  const session = useSession();
  const signOut = useSignOut();
  const me = session.data;
  useAccountLanguage(me);
  useAccountLive(me);
  const roles = rolesOf(me);
  const navigation = navigationFor(FEATURES, roles);
  // The API's documentation is for those who build on it: professionals' software, administrators.
  const showsApiDocs = roles.some((role) => role === 'practitioner' || role === 'regulator' || role === 'admin');

  // A signed-in person's choice of language is remembered on their account too.
  const changeLanguage = (language: Language) => {
    if (!me) return;
    queryClient.setQueryData(SESSION_KEY, (current: Me | null | undefined) => (current ? { ...current, locale: language } : current));
    identityApi.updateMe({ locale: language }).catch(() => undefined);
  };

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px={{ base: 'xs', xs: 'md' }} justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('app.openNavigation')}
              aria-expanded={opened}
            />
            <Anchor component={RouterNavLink} to="/" underline="never" c="inherit">
              <Group gap={6} wrap="nowrap">
                <Text fw={800} fz="lg" c="parcours.8">
                  {t('app.name')}
                </Text>
                <Text fz="sm" c="dimmed" visibleFrom="md">
                  {t('app.tagline')}
                </Text>
              </Group>
            </Anchor>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <LanguageSwitch onChange={changeLanguage} />
            {session.isPending ? null : me ? (
              <>
                {isSignedIn(me) ? (
                  <Anchor component={Link} to={PATHS.profile} visibleFrom="sm" fw={600} c="inherit" truncate maw={220}>
                    {me.givenName} {me.familyName}
                  </Anchor>
                ) : null}
                <Button variant="default" size="compact-sm" onClick={() => signOut.mutate()} loading={signOut.isPending}>
                  {t('identity.header.signOut')}
                </Button>
              </>
            ) : offersSignIn(location.pathname) ? (
              <Button component={Link} to={PATHS.login} state={{ from: location.pathname + location.search }} size="compact-sm">
                {t('identity.header.signIn')}
              </Button>
            ) : null}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('app.mainNavigation')}>
        {navigation.map((item) => (
          <NavLink
            key={item.to}
            component={RouterNavLink}
            to={item.to}
            label={t(item.label)}
            active={location.pathname === item.to}
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <NavigationContext.Provider value={navigation}>
          <Outlet />
        </NavigationContext.Provider>
        <Group component="footer" mt="xl" gap="md" fz="xs">
          <Text fz="xs" c="dimmed">
            {t('app.footer')}
          </Text>
          {/* Served by the server, not a page of the app: a plain link, outside the navigation. */}
          {showsApiDocs ? (
            <Anchor href="/api/docs" fz="xs">
              {t('app.apiDocs')}
            </Anchor>
          ) : null}
        </Group>
      </AppShell.Main>
    </AppShell>
  );
}
