import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from 'react-i18next';
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/residencies.$residencyId';
import { hasUnionRole, requireViewer } from '~/accounts/auth.server';
import { bookRoom, cancelBooking, roomSchedule } from '~/incubation/bookings.server';
import { BookingsTable } from '~/incubation/components/bookings-table';
import { addDays, shanghaiDate } from '~/incubation/dates';
import { openEvaluation, residencyEvaluationList } from '~/incubation/evaluations.server';
import { listRooms } from '~/incubation/incubators.server';
import { exitDecisions } from '~/incubation/machine';
import { addMentoringRecord, completeFollowUp, mentoringRecordsOf } from '~/incubation/mentoring.server';
import { decideExitReview, exitReviewHistory, requireVisibleResidency } from '~/incubation/residencies.server';
import { bookingSchema, exitReviewSchema, mentoringSchema, periodSchema } from '~/incubation/schemas';
import { attempt } from '~/lib/actions.server';
import { now } from '~/lib/clock.server';
import { formatDateTime } from '~/lib/format';
import { parseId } from '~/lib/http';
import { getLocale, getT } from '~/lib/i18n.server';
import { ActionMessage, ChoiceField, Field, FormErrors, SelectField, SubmitButton, TextareaField } from '~/ui/form';
import { Empty, PageHeader, Section, StateBadge, Stat, Stats } from '~/ui/page';
import { messageKey } from '~/lib/locale';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

const dayMs = 24 * 3600_000;

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const { residency, incubator, organization, isMember, isStaff } = requireVisibleResidency(
    viewer,
    parseId(params.residencyId),
  );
  const at = now();
  const today = shanghaiDate(at);
  const evaluations = residencyEvaluationList(residency.id);
  const lastPublished = evaluations.find((e) => e.state === 'published');
  const isManager = hasUnionRole(viewer, incubator.unionId, ['incubator_manager']);
  const active = residency.state === 'active';
  const t = await getT(request);
  return {
    title: t('incubation.residencyTitle', { organization: organization.name }),
    locale: await getLocale(request),
    today,
    residency: {
      id: residency.id,
      state: residency.state,
      startsOn: residency.startsOn,
      endsOn: residency.endsOn,
      decisionReason: residency.decisionReason,
    },
    organization: { id: organization.id, name: organization.name },
    incubator: { id: incubator.id, name: incubator.name },
    settings: {
      maxHours: incubator.settings.bookings.maxHours,
      advanceDays: incubator.settings.bookings.advanceDays,
      graduationGrade: incubator.settings.exit.graduationGrade,
    },
    rooms: listRooms(incubator.id),
    schedule: roomSchedule(incubator.id, at, new Date(at.getTime() + 14 * dayMs)).map((b) => ({
      ...b,
      mine: b.organizationId === organization.id,
    })),
    mentoring: mentoringRecordsOf(residency.id),
    evaluations: evaluations.filter((e) => isStaff || e.state === 'published'),
    exitReviews: exitReviewHistory(residency.id),
    nextPeriodStart: lastPublished ? addDays(lastPublished.periodEnd, 1) : residency.startsOn,
    can: {
      book: isMember && active,
      cancel: isMember || isManager,
      manage: isManager && active,
    },
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const residencyId = parseId(params.residencyId);
  const formData = await request.formData();
  const intent = formData.get('intent');
  const back = redirect(`/residencies/${residencyId}`);
  const simple = async (command: () => unknown) => {
    const result = await attempt(command);
    return result.ok ? back : data({ failure: result.error.messageKey }, { status: result.error.status });
  };

  if (intent === 'cancelBooking') return simple(() => cancelBooking(viewer, Number(formData.get('bookingId'))));
  if (intent === 'followUpDone')
    return simple(() => completeFollowUp(viewer, residencyId, Number(formData.get('recordId'))));

  const schemas = {
    book: bookingSchema,
    mentoring: mentoringSchema,
    evaluate: periodSchema,
    exitReview: exitReviewSchema,
  };
  if (typeof intent !== 'string' || !(intent in schemas))
    return data({ failure: 'errors.unexpected' }, { status: 400 });
  const key = intent as keyof typeof schemas;
  const submission = parseWithZod(formData, { schema: schemas[key] });
  if (submission.status !== 'success') return data({ [key]: submission.reply() }, { status: 400 });
  const value = submission.value;
  const result = await attempt(() => {
    switch (value.intent) {
      case 'book':
        return bookRoom(viewer, residencyId, value);
      case 'mentoring':
        return addMentoringRecord(viewer, residencyId, value);
      case 'evaluate':
        return openEvaluation(viewer, residencyId, { start: value.periodStart, end: value.periodEnd });
      case 'exitReview':
        return decideExitReview(viewer, residencyId, value);
    }
  });
  if (!result.ok)
    return data(
      { [key]: submission.reply({ formErrors: [result.error.messageKey] }) },
      { status: result.error.status },
    );
  if (value.intent === 'evaluate') return redirect(`/residencies/${residencyId}/evaluations/${result.value}`);
  return redirect(`/residencies/${residencyId}?${value.intent}`);
}

type Props = Pick<Route.ComponentProps, 'loaderData' | 'actionData'>;

function lastResultFor(actionData: Props['actionData'], key: string) {
  return actionData && key in actionData ? (actionData as Record<string, never>)[key] : undefined;
}

function BookingForm({ loaderData, actionData }: Props) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: 'book',
    lastResult: lastResultFor(actionData, 'book'),
    defaultValue: { roomId: String(loaderData.rooms[0]?.id ?? '') },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: bookingSchema }),
    shouldValidate: 'onBlur',
  });
  return (
    <Form method="post" {...getFormProps(form)} className="narrow" aria-label={t('incubation.bookRoom')}>
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="book" />
      <SelectField
        meta={fields.roomId}
        label={t('incubation.room')}
        options={loaderData.rooms.map((r) => ({
          value: r.id,
          label: t('incubation.roomOption', {
            name: r.name,
            capacity: r.capacity,
            opens: r.opensAt,
            closes: r.closesAt,
          }),
        }))}
      />
      <Field
        meta={fields.startsAt}
        label={t('incubation.bookingStarts')}
        type="datetime-local"
        hint={t('common.beijingTime')}
      />
      <Field
        meta={fields.endsAt}
        label={t('incubation.bookingEnds')}
        type="datetime-local"
        hint={t('common.beijingTime')}
      />
      <Field meta={fields.purpose} label={t('incubation.bookingPurpose')} />
      <p className="hint">
        {t('incubation.bookingRules', { hours: loaderData.settings.maxHours, days: loaderData.settings.advanceDays })}
      </p>
      <SubmitButton>{t('incubation.bookRoom')}</SubmitButton>
    </Form>
  );
}

function MentoringForm({ loaderData, actionData }: Props) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: 'mentoring',
    lastResult: lastResultFor(actionData, 'mentoring'),
    defaultValue: { heldOn: loaderData.today },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: mentoringSchema }),
    shouldValidate: 'onBlur',
  });
  return (
    <Form method="post" {...getFormProps(form)} className="narrow" aria-label={t('incubation.addMentoring')}>
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="mentoring" />
      <Field meta={fields.heldOn} label={t('incubation.mentoringDate')} type="date" />
      <Field meta={fields.mentor} label={t('incubation.mentor')} />
      <Field meta={fields.topic} label={t('incubation.topic')} />
      <TextareaField meta={fields.followUps} label={t('incubation.followUps')} rows={3} />
      <SubmitButton>{t('incubation.addMentoring')}</SubmitButton>
    </Form>
  );
}

function EvaluationForm({ loaderData, actionData }: Props) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: 'evaluate',
    lastResult: lastResultFor(actionData, 'evaluate'),
    defaultValue: { periodStart: loaderData.nextPeriodStart, periodEnd: loaderData.today },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: periodSchema }),
    shouldValidate: 'onBlur',
  });
  return (
    <Form method="post" {...getFormProps(form)} className="narrow" aria-label={t('incubation.openEvaluation')}>
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="evaluate" />
      <Field meta={fields.periodStart} label={t('incubation.periodStart')} type="date" />
      <Field meta={fields.periodEnd} label={t('incubation.periodEnd')} type="date" max={loaderData.today} />
      <SubmitButton>{t('incubation.openEvaluation')}</SubmitButton>
    </Form>
  );
}

function ExitReviewForm({ loaderData, actionData }: Props) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: 'exitReview',
    lastResult: lastResultFor(actionData, 'exitReview'),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: exitReviewSchema }),
    shouldValidate: 'onBlur',
  });
  return (
    <Form method="post" {...getFormProps(form)} className="narrow" aria-label={t('incubation.exitReview')}>
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="exitReview" />
      <ChoiceField
        meta={fields.decision}
        label={t('incubation.decision')}
        type="radio"
        options={exitDecisions.map((d) => ({ value: d, label: t(`incubation.exitDecisions.${d}`) }))}
      />
      <p className="hint">
        {t('incubation.graduationRule', { grade: t(`evaluation.grades.${loaderData.settings.graduationGrade}`) })}
      </p>
      <TextareaField meta={fields.reason} label={t('incubation.decisionReason')} rows={3} />
      <SubmitButton>{t('incubation.decideExitReview')}</SubmitButton>
    </Form>
  );
}

export default function Residency({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { residency, organization, incubator, can, locale } = loaderData;
  const failure = actionData && 'failure' in actionData ? (actionData.failure as string) : null;
  return (
    <>
      <PageHeader title={loaderData.title}>
        <StateBadge states="incubation.states.residency" state={residency.state} />
      </PageHeader>
      <ActionMessage failure={failure} />
      <Stats>
        <Stat
          label={t('incubation.organization')}
          value={<Link to={`/orgs/${organization.id}`}>{organization.name}</Link>}
        />
        <Stat
          label={t('incubation.incubator')}
          value={<Link to={`/incubators/${incubator.id}`}>{incubator.name}</Link>}
        />
        <Stat
          label={t('incubation.term')}
          value={`${residency.startsOn} – ${residency.endsOn}`}
          testId="residency-term"
        />
      </Stats>
      {residency.state !== 'active' ? (
        <p className="notice" role="status">
          {t(messageKey('incubation.left', residency.state), { reason: residency.decisionReason ?? '' })}
        </p>
      ) : null}

      <Section title={t('incubation.bookings')}>
        {can.book ? <BookingForm loaderData={loaderData} actionData={actionData} /> : null}
        <h3>{t('incubation.schedule')}</h3>
        <BookingsTable
          bookings={loaderData.schedule}
          locale={locale}
          testId="room-schedule"
          action={(b) =>
            b.mine && can.cancel ? (
              <Form method="post">
                <input type="hidden" name="bookingId" value={b.id} />
                <SubmitButton name="intent" value="cancelBooking" className="link-button">
                  {t('incubation.cancelBooking')}
                </SubmitButton>
              </Form>
            ) : null
          }
        />
      </Section>

      <Section title={t('incubation.mentoring')}>
        {loaderData.mentoring.length ? (
          <table data-testid="mentoring">
            <thead>
              <tr>
                <th scope="col">{t('incubation.mentoringDate')}</th>
                <th scope="col">{t('incubation.mentor')}</th>
                <th scope="col">{t('incubation.topic')}</th>
                <th scope="col">{t('incubation.followUps')}</th>
                <th scope="col">{t('incubation.followUpState')}</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.mentoring.map((m) => (
                <tr key={m.id}>
                  <td>{m.heldOn}</td>
                  <td>{m.mentor}</td>
                  <td>{m.topic}</td>
                  <td className="prose">{m.followUps}</td>
                  <td>
                    {m.followUpDoneAt ? (
                      t('incubation.followUpDoneOn', { date: formatDateTime(m.followUpDoneAt, locale) })
                    ) : m.followUps && can.manage ? (
                      <Form method="post">
                        <input type="hidden" name="recordId" value={m.id} />
                        <SubmitButton name="intent" value="followUpDone" className="link-button">
                          {t('incubation.markFollowUpDone')}
                        </SubmitButton>
                      </Form>
                    ) : m.followUps ? (
                      t('incubation.followUpPending')
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <Empty>{t('incubation.noMentoring')}</Empty>
        )}
        {can.manage ? <MentoringForm loaderData={loaderData} actionData={actionData} /> : null}
      </Section>

      <Section title={t('incubation.evaluationsAndExit')}>
        {loaderData.evaluations.length ? (
          <table data-testid="evaluation-history">
            <thead>
              <tr>
                <th scope="col">{t('incubation.period')}</th>
                <th scope="col">{t('common.state')}</th>
                <th scope="col">{t('evaluation.score')}</th>
                <th scope="col">{t('evaluation.grade')}</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.evaluations.map((e) => (
                <tr key={e.id}>
                  <td>
                    <Link to={`/residencies/${residency.id}/evaluations/${e.id}`}>
                      {e.periodStart} – {e.periodEnd}
                    </Link>
                  </td>
                  <td>
                    <StateBadge states="incubation.states.residencyEvaluation" state={e.state} />
                  </td>
                  <td>{e.score?.toFixed(1) ?? '—'}</td>
                  <td>{e.grade ? t(messageKey('evaluation.grades', e.grade)) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <Empty>{t('incubation.noEvaluations')}</Empty>
        )}
        {loaderData.exitReviews.length ? (
          <>
            <h3>{t('incubation.exitReviewHistory')}</h3>
            <ul>
              {loaderData.exitReviews.map((r) => (
                <li key={r.id}>
                  {formatDateTime(r.createdAt, locale)} · {t(messageKey('incubation.exitDecisions', r.decision))} ·{' '}
                  {r.reason}
                  {r.decidedByName ? ` · ${r.decidedByName}` : ''}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {can.manage ? (
          <>
            <h3>{t('incubation.openEvaluation')}</h3>
            <EvaluationForm loaderData={loaderData} actionData={actionData} />
            <h3>{t('incubation.exitReview')}</h3>
            <ExitReviewForm loaderData={loaderData} actionData={actionData} />
          </>
        ) : null}
      </Section>
    </>
  );
}
