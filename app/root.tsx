import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useMatches,
  useRouteLoaderData,
} from 'react-router';
import type { Route } from './+types/root';
import stylesheet from './styles/app.css?url';
import { getViewer } from '~/accounts/auth.server';
import { waitingOn } from '~/accounts/workspace.server';
import { canSeeDashboards } from '~/reports/scope.server';
import { formatDateTime } from '~/lib/format';
import { supportedLanguages, type Locale, type MessageKey } from '~/lib/locale';
import { isElderMode } from '~/lib/display.server';
import { getLocale, getT } from '~/lib/i18n.server';
import { PageMessages, Translations } from '~/lib/page-messages';
import { useTranslation } from '~/lib/translation';
import { countUnread } from '~/notifications/inbox.server';

export const links: Route.LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

// An error page names itself (its ErrorBoundary renders the <title>): for a URL no route matches,
// not even the root loader runs, so there is no data here to name it with.
export const meta: Route.MetaFunction = ({ data, error }) => (error ? [] : [{ title: data?.appName }]);

export async function loader({ request }: Route.LoaderArgs) {
  const [locale, viewer, t, elder] = await Promise.all([
    getLocale(request),
    getViewer(request),
    getT(request),
    isElderMode(request),
  ]);
  return {
    locale,
    elder,
    appName: t('app.name'),
    viewer: viewer && {
      name: viewer.name,
      isPlatformAdmin: viewer.isPlatformAdmin,
      isStaff: viewer.roles.length > 0,
      hasOrganization: viewer.memberships.length > 0,
      unreadNotifications: countUnread(viewer.id),
      // The workspace badge: everything waiting on them (only people with a union role or an organization are asked).
      waiting: waitingOn(viewer).length,
      canSeeDashboards: canSeeDashboards(viewer),
    },
  };
}

/** Routes for workers' phones declare `handle = { scripts: false }` and ship no JavaScript. */
function useWantsScripts() {
  return !useMatches().some((m) => (m.handle as { scripts?: boolean } | undefined)?.scripts === false);
}

export function Layout({ children }: { children: React.ReactNode }) {
  return (
    <Translations>
      <Document>{children}</Document>
    </Translations>
  );
}

function Document({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root');
  const { i18n } = useTranslation();
  // Without root data (a URL no route matches) the request's language is still known.
  const locale = data?.locale ?? i18n.language;
  const scripts = useWantsScripts();
  return (
    <html lang={locale} className={data?.elder ? 'elder' : undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        {scripts ? <PageMessages /> : null}
        {scripts ? <ScrollRestoration /> : null}
        {scripts ? <Scripts /> : null}
      </body>
    </html>
  );
}

function LanguageSwitch({ locale }: { locale: Locale }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <Form method="post" action="/set-locale" className="language-switch" reloadDocument>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      {supportedLanguages.map((lng) => (
        <button
          key={lng}
          type="submit"
          name="locale"
          value={lng}
          aria-pressed={lng === locale}
          className="link-button"
          lang={lng}
        >
          {t(`languages.${lng}`)}
        </button>
      ))}
    </Form>
  );
}

/** 适老化: bigger text, stronger contrast and larger targets, remembered on this device. */
function ElderSwitch() {
  const { t } = useTranslation();
  const location = useLocation();
  const elder = useRouteLoaderData<typeof loader>('root')?.elder ?? false;
  return (
    <Form method="post" action="/set-display" className="elder-switch" reloadDocument>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button
        type="submit"
        name="elder"
        value={elder ? '0' : '1'}
        aria-pressed={elder}
        className="toggle-button"
        title={t('nav.elderHint')}
      >
        {t('nav.elder')}
      </button>
    </Form>
  );
}

/** A navigation link with a badge counting what waits behind it (read aloud as a sentence, not a bare number). */
function CountedLink({
  to,
  label,
  count,
  spoken,
  testId,
}: {
  to: string;
  label: string;
  count: number;
  spoken: string;
  testId: string;
}) {
  return (
    <Link to={to}>
      {label}
      {count > 0 ? (
        <>
          <span className="unread-count" aria-hidden="true" data-testid={testId}>
            {count}
          </span>{' '}
          <span className="visually-hidden">{spoken}</span>
        </>
      ) : null}
    </Link>
  );
}

function SiteHeader() {
  const { t } = useTranslation();
  const data = useRouteLoaderData<typeof loader>('root');
  const viewer = data?.viewer;
  // On a phone the links fold into a menu; <details> opens it without JavaScript (decision 112).
  return (
    <header className="site-header">
      <div className="site-header-bar">
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <ElderSwitch />
      </div>
      <details className="site-menu">
        <summary>{t('nav.menu')}</summary>
        <div className="site-menu-body">
          <nav aria-label={t('nav.label')}>
            <Link to="/catalog">{t('catalog.nav')}</Link>
            <Link to="/tenders">{t('nav.tenders')}</Link>
            <Link to="/incubators">{t('incubation.nav')}</Link>
            {viewer ? (
              <CountedLink
                to="/me"
                label={t('nav.workspace')}
                count={viewer.waiting}
                spoken={t('accounts.workspace.waitingCount', { count: viewer.waiting })}
                testId="waiting-count"
              />
            ) : null}
            {viewer?.canSeeDashboards ? <Link to="/reports">{t('reports.nav')}</Link> : null}
            {viewer?.isPlatformAdmin ? <Link to="/admin/unions">{t('nav.admin')}</Link> : null}
            {viewer?.isPlatformAdmin ? <Link to="/admin/outbox">{t('notifications.outbox.title')}</Link> : null}
            {viewer?.isPlatformAdmin ? <Link to="/admin/audit">{t('audit.link')}</Link> : null}
            {viewer?.isPlatformAdmin ? <Link to="/admin/two-factor">{t('nav.twoFactorReset')}</Link> : null}
            {viewer ? (
              <CountedLink
                to="/notifications"
                label={t('notifications.nav')}
                count={viewer.unreadNotifications}
                spoken={t('notifications.unread', { count: viewer.unreadNotifications })}
                testId="unread-count"
              />
            ) : null}
          </nav>
          <div className="session">
            {viewer ? (
              <>
                <Link to="/account">{viewer.name}</Link>
                <Form method="post" action="/logout">
                  <button type="submit" className="link-button">
                    {t('nav.logout')}
                  </button>
                </Form>
              </>
            ) : (
              <>
                <Link to="/login">{t('nav.login')}</Link>
                <Link to="/signup">{t('nav.signup')}</Link>
              </>
            )}
          </div>
          <LanguageSwitch locale={data?.locale ?? 'zh-CN'} />
        </div>
      </details>
    </header>
  );
}

export default function App() {
  const scripts = useWantsScripts();
  return (
    <>
      {scripts ? <SiteHeader /> : null}
      <main className={scripts ? 'container' : 'container compact'}>
        <Outlet />
      </main>
      {scripts ? null : (
        <footer className="container compact site-footer">
          <ElderSwitch />
        </footer>
      )}
    </>
  );
}

type Reason = { messageKey: MessageKey; values?: Record<string, string | number | Date> };

/** A loader that knows why it refuses (`explained`, app/lib/actions.server.ts) sends the reason's message key. */
function reasonOf(data: unknown): Reason | null {
  return typeof data === 'object' && data !== null && 'messageKey' in data ? (data as Reason) : null;
}

const pages = { 403: 'forbidden', 404: 'notFound', 429: 'tooMany' } as const;

/** Every error page sits in the site's layout (header, navigation, language switch) and says why and what next. */
export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const { t, i18n } = useTranslation();
  const viewer = useRouteLoaderData<typeof loader>('root')?.viewer;
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const reason = isRouteErrorResponse(error) ? reasonOf(error.data) : null;
  const page = pages[status as keyof typeof pages] ?? 'unexpected';
  const values = Object.fromEntries(
    Object.entries(reason?.values ?? {}).map(([k, v]) => [k, v instanceof Date ? formatDateTime(v, i18n.language) : v]),
  );
  const title = reason ? t('errorPage.reason.title') : t(`errorPage.${page}.title`);
  return (
    <>
      <SiteHeader />
      <main className="container error-page" data-status={status}>
        <title>{title}</title>
        <h1>{title}</h1>
        <p className="error-why">{reason ? t(reason.messageKey, values) : t(`errorPage.${page}.why`)}</p>
        <p>{reason ? t('errorPage.reason.next') : t(`errorPage.${page}.next`)}</p>
        <ul className="error-next">
          {viewer ? (
            <li>
              <Link to="/me">{t('errorPage.workspace')}</Link>
            </li>
          ) : null}
          <li>
            <Link to="/">{t('nav.home')}</Link>
          </li>
          {page === 'forbidden' && !reason ? (
            <li>
              <Link to="/login">{t('errorPage.login')}</Link>
            </li>
          ) : null}
        </ul>
        <p className="hint">{t('errorPage.status', { status })}</p>
      </main>
    </>
  );
}
