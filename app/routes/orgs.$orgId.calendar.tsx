import { useTranslation } from '~/lib/translation';
import { data, Link, redirect } from 'react-router';
import type { Route } from './+types/orgs.$orgId.calendar';
import { requireViewer } from '~/accounts/auth.server';
import {
  calendarMonth,
  feedUrl,
  organizationEvents,
  requireOrganizationCalendar,
  rotateFeed,
} from '~/delivery/calendar.server';
import { CalendarFeed, MonthCalendar } from '~/delivery/components/month-calendar';
import { activeResidency } from '~/delivery/events.server';
import { organizationBasis, residentActivityFigures } from '~/delivery/figures.server';
import { attempt } from '~/lib/actions.server';
import { parseId } from '~/lib/http';
import { getLocale, getT } from '~/lib/i18n.server';
import { FiguresBlock } from '~/ui/figures';
import { ActionMessage } from '~/ui/form';
import { PageHeader, Section } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const organizationId = parseId(params.orgId);
  const organization = requireOrganizationCalendar(viewer, organizationId);
  const t = await getT(request);
  const residency = activeResidency(organizationId);
  return {
    title: t('delivery.calendar.organizationTitle', { name: organization.name }),
    organizationId,
    locale: await getLocale(request),
    ...calendarMonth(request, (from, to) => organizationEvents(organizationId, from, to)),
    feedUrl: feedUrl(request, 'organization', organizationId),
    canRotateFeed: organization.canRotateFeed,
    incubatorName: residency?.incubatorName ?? null,
    residentFigures: residentActivityFigures(organizationId),
    residentBasis: organizationBasis(organizationId, 'residencies'),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const organizationId = parseId(params.orgId);
  const result = await attempt(() => rotateFeed(viewer, 'organization', organizationId));
  if (!result.ok) return data({ failure: result.error.messageKey }, { status: result.error.status });
  return redirect(`/orgs/${organizationId}/calendar`);
}

export default function OrganizationCalendar({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { incubatorName, organizationId } = loaderData;
  return (
    <>
      <PageHeader title={loaderData.title}>
        {incubatorName ? (
          <Link className="button" to={`/orgs/${organizationId}/events/new`}>
            {t('delivery.resident.schedule')}
          </Link>
        ) : null}
      </PageHeader>
      <ActionMessage failure={actionData?.failure} />
      <MonthCalendar {...loaderData} showOrganization={false} />
      {incubatorName ? (
        <Section title={t('delivery.resident.figuresTitle')}>
          <p className="hint">{t('delivery.resident.explanation', { incubator: incubatorName })}</p>
          <FiguresBlock
            figures={loaderData.residentFigures}
            basis={loaderData.residentBasis}
            locale={loaderData.locale}
          />
        </Section>
      ) : null}
      <CalendarFeed url={loaderData.feedUrl} canRotate={loaderData.canRotateFeed} />
    </>
  );
}
