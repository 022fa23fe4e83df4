import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from '~/lib/translation';
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/incubators.$incubatorId';
import { getViewer, requireViewer } from '~/accounts/auth.server';
import { organizationApplications, startApplication } from '~/incubation/applications.server';
import { requireIncubator, isIncubatorStaff, listRooms } from '~/incubation/incubators.server';
import { organizationResidencies } from '~/incubation/residencies.server';
import { applySchema } from '~/incubation/schemas';
import { attempt } from '~/lib/actions.server';
import { parseId } from '~/lib/http';
import { viewerOrganizations } from '~/organizations/organizations.server';
import { ErrorSummary, SelectField, SubmitButton } from '~/ui/form';
import { PageHeader, Section, StateBadge } from '~/ui/page';
import { DataTable } from '~/ui/table';
import type { z } from 'zod';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.incubator.name }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await getViewer(request);
  const incubator = requireIncubator(parseId(params.incubatorId));
  const organizations = viewer ? viewerOrganizations(viewer) : [];
  const organizationIds = organizations.map((o) => o.id);
  return {
    incubator: {
      id: incubator.id,
      name: incubator.name,
      host: incubator.host,
      address: incubator.address,
      description: incubator.description,
    },
    termMonths: incubator.settings.term.months,
    rooms: listRooms(incubator.id),
    signedIn: viewer !== null,
    isStaff: isIncubatorStaff(viewer, incubator),
    organizations,
    applications: organizationApplications(organizationIds).filter((a) => a.incubatorId === incubator.id),
    residencies: organizationResidencies(organizationIds).filter((r) => r.incubatorId === incubator.id),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const incubatorId = parseId(params.incubatorId);
  const submission = parseWithZod(await request.formData(), { schema: applySchema });
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  const result = await attempt(() => startApplication(viewer, incubatorId, submission.value.organizationId));
  if (!result.ok)
    return data(submission.reply({ formErrors: [result.error.messageKey] }), { status: result.error.status });
  return redirect(`/applications/${result.value}`);
}

export default function IncubatorPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { incubator, organizations } = loaderData;
  const [form, fields] = useForm<z.input<typeof applySchema>>({
    lastResult: actionData,
    defaultValue: { organizationId: String(organizations[0]?.id ?? '') },
  });
  return (
    <>
      <PageHeader title={incubator.name}>
        <Link to={`/incubators/${incubator.id}/handbook`}>{t('incubation.handbook')}</Link>
        {loaderData.isStaff ? (
          <Link className="button secondary" to={`/incubators/${incubator.id}/manage`}>
            {t('incubation.manage')}
          </Link>
        ) : null}
      </PageHeader>
      <p>{t('incubation.hostedBy', { host: incubator.host })}</p>
      {incubator.address ? <p>{incubator.address}</p> : null}
      {incubator.description ? <p className="prose">{incubator.description}</p> : null}
      <p>{t('incubation.offer', { months: loaderData.termMonths })}</p>

      <Section title={t('incubation.rooms')}>
        <DataTable
          rows={loaderData.rooms}
          rowKey={(room) => room.id}
          columns={[
            { label: t('incubation.room'), title: true, cell: (room) => room.name },
            { label: t('incubation.capacity'), cell: (room) => room.capacity },
            {
              label: t('incubation.openingHours'),
              cell: (room) => (
                <>
                  {room.opensAt}–{room.closesAt}
                </>
              ),
            },
          ]}
        />
      </Section>

      <Section title={t('incubation.apply')}>
        {loaderData.residencies.map((r) => (
          <p key={`r${r.id}`}>
            <Link to={`/residencies/${r.id}`}>{t('incubation.residencyOf', { organization: r.organizationName })}</Link>{' '}
            <StateBadge states="incubation.states.residency" state={r.state} />
          </p>
        ))}
        {loaderData.applications.map((a) => (
          <p key={`a${a.id}`}>
            <Link to={`/applications/${a.id}`}>
              {t('incubation.applicationOf', { organization: a.organizationName })}
            </Link>{' '}
            <StateBadge states="incubation.states.application" state={a.state} />
          </p>
        ))}
        {organizations.length ? (
          <Form method="post" {...getFormProps(form)} className="narrow">
            <ErrorSummary form={form} labels={{ organizationId: t('incubation.applyAs') }} />
            <SelectField
              meta={fields.organizationId}
              label={t('incubation.applyAs')}
              options={organizations.map((o) => ({ value: o.id, label: o.name }))}
            />
            <SubmitButton>{t('incubation.startApplication')}</SubmitButton>
          </Form>
        ) : loaderData.signedIn ? (
          <p>
            <Link to="/orgs/new">{t('incubation.registerFirst')}</Link>
          </p>
        ) : (
          <p>
            <Link to="/login">{t('incubation.loginToApply')}</Link>
          </p>
        )}
      </Section>
    </>
  );
}
