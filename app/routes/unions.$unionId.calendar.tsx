import { useTranslation } from '~/lib/translation';
import { data, redirect } from 'react-router';
import type { Route } from './+types/unions.$unionId.calendar';
import { requireViewer } from '~/accounts/auth.server';
import { calendarMonth, feedUrl, requireUnionCalendar, rotateFeed, unionEvents } from '~/delivery/calendar.server';
import { CalendarFeed, MonthCalendar } from '~/delivery/components/month-calendar';
import { attempt } from '~/lib/actions.server';
import { parseId } from '~/lib/http';
import { getLocale, getT } from '~/lib/i18n.server';
import { ActionMessage } from '~/ui/form';
import { PageHeader } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const unionId = parseId(params.unionId);
  const union = requireUnionCalendar(viewer, unionId);
  const t = await getT(request);
  return {
    title: t('delivery.calendar.unionTitle', { name: union.name }),
    locale: await getLocale(request),
    ...calendarMonth(request, (from, to) => unionEvents(unionId, from, to)),
    feedUrl: feedUrl(request, 'union', unionId),
    canRotateFeed: union.canRotateFeed,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const unionId = parseId(params.unionId);
  const result = await attempt(() => rotateFeed(viewer, 'union', unionId));
  if (!result.ok) return data({ failure: result.error.messageKey }, { status: result.error.status });
  return redirect(`/unions/${unionId}/calendar`);
}

export default function UnionCalendar({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={loaderData.title} />
      <p className="hint">{t('delivery.calendar.unionExplanation')}</p>
      <ActionMessage failure={actionData?.failure} />
      <MonthCalendar {...loaderData} showOrganization />
      <CalendarFeed url={loaderData.feedUrl} canRotate={loaderData.canRotateFeed} />
    </>
  );
}
