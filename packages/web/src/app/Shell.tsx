import { Anchor, AppShell, Burger, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterNavLink, Outlet, useLocation } from 'react-router';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import { NAVIGATION, type Role } from './navigation.js';

/** Header, navigation for the user's role, and the main landmark; the navigation folds away on a phone. */
export function Shell({ role }: { role: Role }) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('app.openNavigation')} aria-expanded={opened} />
            <Anchor component={RouterNavLink} to="/" underline="never" c="inherit">
              <Group gap={6} wrap="nowrap">
                <Text fw={800} fz="lg" c="parcours.8">
                  {t('app.name')}
                </Text>
                <Text fz="sm" c="dimmed" visibleFrom="xs">
                  {t('app.tagline')}
                </Text>
              </Group>
            </Anchor>
          </Group>
          <LanguageSwitch />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('app.mainNavigation')}>
        {NAVIGATION[role].map((item) =>
          item.external ? (
            <NavLink key={item.to} href={item.to} label={t(`nav.${item.label}`)} />
          ) : (
            <NavLink
              key={item.to}
              component={RouterNavLink}
              to={item.to}
              label={t(`nav.${item.label}`)}
              active={location.pathname === item.to}
              onClick={close}
            />
          ),
        )}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Outlet />
        <Text component="footer" mt="xl" fz="xs" c="dimmed">
          {t('app.footer')}
        </Text>
      </AppShell.Main>
    </AppShell>
  );
}
