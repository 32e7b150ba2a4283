import { AppShell, Anchor, Box, Burger, Button, Group, Menu, NavLink, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { LanguageSwitch } from './components/language-switch';
import { pageRoutes, type PageRoute } from './routes';
import { hasRole, useSession } from './session';
import type { User } from './types';

function canOpen(route: PageRoute, user: User | undefined): boolean {
  if (route.access === 'public') return true;
  if (route.access === 'signed-in') return user !== undefined;
  return hasRole(user, route.access);
}

/** The frame of every page: header with language switch and user menu, side navigation, main content. */
export function Layout() {
  const { t } = useTranslation();
  const [isNavOpen, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const { user, status, signOut } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const navRoutes = pageRoutes.filter((route) => route.nav && canOpen(route, user));

  const handleSignOut = async () => {
    await signOut();
    void navigate('/sign-in');
  };

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !isNavOpen } }} padding="lg">
      <a href="#main" className="nhip-skip-link">
        {t('common:skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={isNavOpen} onClick={toggleNav} hiddenFrom="sm" size="sm" aria-label={t('common:nav.toggle')} />
            <Anchor component={Link} to="/" underline="never" c="inherit">
              <Text fw={800} fz="xl" c="red.8">
                Nhịp
              </Text>
            </Anchor>
            <Text c="dimmed" fz="sm" visibleFrom="md">
              {t('common:tagline')}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch />
            {user ? (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <UnstyledButton aria-label={t('common:userMenu', { name: user.displayName })} className="nhip-user-button">
                    <Text fz="sm" fw={600}>
                      {user.displayName}
                    </Text>
                  </UnstyledButton>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Label>{user.email}</Menu.Label>
                  <Menu.Item component={Link} to="/account">
                    {t('common:nav.account')}
                  </Menu.Item>
                  <Menu.Item onClick={() => void handleSignOut()}>{t('common:signOut')}</Menu.Item>
                </Menu.Dropdown>
              </Menu>
            ) : status === 'signed-out' && location.pathname !== '/sign-in' ? (
              <Button component={Link} to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} size="xs">
                {t('common:signIn')}
              </Button>
            ) : null}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('common:nav.label')}>
        <nav aria-label={t('common:nav.label')}>
          {navRoutes.map((route) => {
            const isActive = route.path === '/' ? location.pathname === '/' : location.pathname.startsWith(route.path);
            return (
              <NavLink
                key={route.path}
                component={Link}
                to={route.path}
                label={t(route.nav?.labelKey ?? '')}
                active={isActive}
                aria-current={isActive ? 'page' : undefined}
                onClick={closeNav}
                variant="light"
              />
            );
          })}
        </nav>
      </AppShell.Navbar>
      <AppShell.Main>
        <Box id="main" tabIndex={-1} maw={1200} component="main">
          <Outlet />
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
