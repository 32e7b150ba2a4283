import { Anchor, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Loading } from './components/loading';
import { OrganizationLink } from './components/organization-link';
import { PageTitle } from './components/page-title';
import { homeCards } from './home-cards';
import { pageRoutes } from './routes';
import { hasRole, useSession } from './session';

/** Home: who is signed in, their organization, what waits for them, and the parts of the app they can open. */
export function HomePage() {
  const { t } = useTranslation();
  const { status, user } = useSession();
  if (status === 'loading') return <Loading />;
  if (!user) {
    return (
      <Stack maw={720}>
        <PageTitle>{t('home.welcomeTitle')}</PageTitle>
        <Text fz="lg">{t('home.welcomeBody')}</Text>
        <Group>
          <Button component={Link} to="/sign-in">
            {t('signIn')}
          </Button>
          <Button component={Link} to="/directory" variant="default">
            {t('nav.directory')}
          </Button>
        </Group>
      </Stack>
    );
  }
  const links = pageRoutes.filter(
    (route) =>
      route.nav &&
      route.path !== '/' &&
      (route.access === 'public' || route.access === 'signed-in' || hasRole(user, route.access)),
  );
  return (
    <Stack>
      <PageTitle>{t('home.greeting', { name: user.displayName })}</PageTitle>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={2} fz="h4" mb="xs">
            {t('home.me')}
          </Title>
          <Text>{user.email}</Text>
          <Text>
            {t('home.role')}: <strong>{t(`roles.${user.role}`)}</strong>
          </Text>
          <Text>
            {t('home.organization')}: <OrganizationLink organizationId={user.organizationId} />
          </Text>
        </Card>
        {homeCards
          .filter((card) => hasRole(user, card.roles))
          .map((card) => (
            <Card withBorder key={card.id}>
              {card.render()}
            </Card>
          ))}
      </SimpleGrid>
      <Title order={2} fz="h4">
        {t('home.shortcuts')}
      </Title>
      <Group>
        {links.map((route) => (
          <Anchor key={route.path} component={Link} to={route.path}>
            {t(route.nav?.labelKey ?? '')}
          </Anchor>
        ))}
      </Group>
    </Stack>
  );
}
