import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from '~/lib/translation';
import { redirect } from 'react-router';
import type { Route } from './+types/residencies.$residencyId';
import { requireViewer } from '~/accounts/auth.server';
import { bookRoom, cancelBooking, roomSchedule } from '~/incubation/bookings.server';
import { MentoringLog } from '~/incubation/components/mentoring-log';
import { ResidencyFacts } from '~/incubation/components/residency-facts';
import { ResidencyBookings } from '~/incubation/components/residency-bookings';
import { ResidencyEvaluations } from '~/incubation/components/residency-evaluations';
import { shanghaiDate } from '~/lib/time';
import type { ExitDecision } from '~/incubation/machine';
import { openEvaluation, residencyEvaluationsFor } from '~/incubation/residency-evaluations.server';
import { listRooms } from '~/incubation/incubators.server';
import { addMentoringRecord, completeFollowUp, mentoringRecordsOf } from '~/incubation/mentoring.server';
import { mayDecideExitReview, residencyAbilities } from '~/incubation/permissions';
import { decideExitReview, exitReviewHistory, requireVisibleResidency } from '~/incubation/residencies.server';
import { bookingSchema, exitReviewSchema, mentoringSchema, periodSchema } from '~/incubation/schemas';
import { attempt, confirmationOf, refused, submitForm } from '~/lib/actions.server';
import { now } from '~/lib/clock.server';
import { UserError } from '~/lib/errors';
import { parseId } from '~/lib/http';
import { getLocale, getT } from '~/lib/i18n.server';
import { ConfirmPage } from '~/ui/confirm';
import { ActionMessage } from '~/ui/form';
import { PageHeader, Section, StateBadge } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

const dayMs = 24 * 3600_000;

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const { residency, incubator, organization, isStaff, standing } = requireVisibleResidency(
    viewer,
    parseId(params.residencyId),
  );
  const at = now();
  const t = await getT(request);
  return {
    title: t('incubation.residencyTitle', { organization: organization.name }),
    locale: await getLocale(request),
    today: shanghaiDate(at),
    residency: {
      id: residency.id,
      state: residency.state,
      startsOn: residency.startsOn,
      endsOn: residency.endsOn,
      decisionReason: residency.decisionReason,
    },
    organization: { id: organization.id, name: organization.name },
    incubator: { id: incubator.id, name: incubator.name },
    settings: { ...incubator.settings.bookings, graduationGrade: incubator.settings.exit.graduationGrade },
    rooms: listRooms(incubator.id),
    schedule: roomSchedule(incubator.id, at, new Date(at.getTime() + 14 * dayMs)).map((b) => ({
      ...b,
      mine: b.organizationId === organization.id,
    })),
    mentoring: mentoringRecordsOf(residency.id),
    ...residencyEvaluationsFor(residency, isStaff, shanghaiDate(at)),
    exitReviews: exitReviewHistory(residency.id),
    can: residencyAbilities(residency, standing),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const residencyId = parseId(params.residencyId);
  const formData = await request.formData();
  const intent = formData.get('intent');
  const back = (to = `/residencies/${residencyId}`) => redirect(to);
  const respond = async (command: () => unknown) => {
    const result = await attempt(command);
    return result.ok ? back() : refused(result.error);
  };
  if (intent === 'cancelBooking') return respond(() => cancelBooking(viewer, Number(formData.get('bookingId'))));
  if (intent === 'followUpDone') {
    return respond(() => completeFollowUp(viewer, residencyId, Number(formData.get('recordId'))));
  }
  if (intent === 'book') {
    const result = await submitForm(formData, bookingSchema, (value) => bookRoom(viewer, residencyId, value), {
      form: 'book',
    });
    return result.ok ? back(`/residencies/${residencyId}?book`) : result.reply;
  }
  if (intent === 'mentoring') {
    const result = await submitForm(
      formData,
      mentoringSchema,
      (value) => addMentoringRecord(viewer, residencyId, value),
      { form: 'mentoring' },
    );
    return result.ok ? back(`/residencies/${residencyId}?mentoring`) : result.reply;
  }
  if (intent === 'evaluate') {
    const result = await submitForm(
      formData,
      periodSchema,
      (value) => openEvaluation(viewer, residencyId, { start: value.periodStart, end: value.periodEnd }),
      { form: 'evaluate' },
    );
    return result.ok ? back(`/residencies/${residencyId}/evaluations/${result.value}`) : result.reply;
  }
  if (intent === 'exitReview') {
    const submission = parseWithZod(formData, { schema: exitReviewSchema });
    const ask =
      submission.status === 'success'
        ? await confirmationOf(formData, () => {
            const { residency, standing } = requireVisibleResidency(viewer, residencyId);
            return mayDecideExitReview(residency, standing, submission.value.decision);
          })
        : null;
    if (ask) return ask;
    const result = await submitForm(
      formData,
      exitReviewSchema,
      (value) => decideExitReview(viewer, residencyId, value),
      { form: 'exitReview' },
    );
    return result.ok ? back(`/residencies/${residencyId}?exitReview`) : result.reply;
  }
  return refused(new UserError('errors.unexpected'));
}

export default function Residency({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { residency, organization, incubator, can, locale } = loaderData;
  if (actionData && 'confirm' in actionData) {
    const { decision = '', reason = '' } = actionData.confirm;
    const decisionName = t(`incubation.exitDecisions.${decision as ExitDecision}`);
    return (
      <ConfirmPage
        title={t('incubation.confirm.exit.title', { decision: decisionName })}
        happens={[
          t('incubation.confirm.exit.decision', { organization: organization.name, decision: decisionName }),
          t('incubation.confirm.exit.bookings'),
          t('incubation.confirm.exit.reason', { reason }),
        ]}
        cannotUndo={t('incubation.confirm.exit.cannotUndo')}
        submit={t('incubation.confirm.exit.submit')}
        fields={actionData.confirm}
        cancelTo={`/residencies/${residency.id}`}
      />
    );
  }
  const replied = (key: 'book' | 'mentoring' | 'evaluate' | 'exitReview') =>
    actionData && key in actionData ? (actionData as Partial<Record<typeof key, never>>)[key] : undefined;
  return (
    <>
      <PageHeader title={loaderData.title}>
        <StateBadge states="incubation.states.residency" state={residency.state} />
      </PageHeader>
      <ActionMessage failure={actionData && 'failure' in actionData ? actionData.failure : null} />
      <ResidencyFacts residency={residency} organization={organization} incubator={incubator} locale={locale} />
      <Section title={t('incubation.bookings')}>
        <ResidencyBookings
          rooms={loaderData.rooms}
          schedule={loaderData.schedule}
          rules={loaderData.settings}
          can={can}
          lastResult={replied('book')}
          locale={locale}
        />
      </Section>
      <Section title={t('incubation.mentoring')}>
        <MentoringLog
          records={loaderData.mentoring}
          manage={can.manage}
          today={loaderData.today}
          lastResult={replied('mentoring')}
          locale={locale}
        />
      </Section>
      <Section title={t('incubation.evaluationsAndExit')}>
        <ResidencyEvaluations
          residencyId={residency.id}
          evaluations={loaderData.evaluations}
          exitReviews={loaderData.exitReviews}
          can={can}
          period={{ ...loaderData.nextPeriod, today: loaderData.today }}
          graduationGrade={loaderData.settings.graduationGrade}
          lastResults={{ evaluate: replied('evaluate'), exitReview: replied('exitReview') }}
          locale={locale}
        />
      </Section>
    </>
  );
}
