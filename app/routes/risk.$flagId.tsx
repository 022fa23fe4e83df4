import { getFormProps, useForm } from '@conform-to/react';
import { Form, Link, redirect, useSearchParams } from 'react-router';
import type { z } from 'zod';
import type { Route } from './+types/risk.$flagId';
import { requireViewer } from '~/accounts/auth.server';
import { submitForm } from '~/lib/actions.server';
import { formatDateTime, formatMoney } from '~/lib/format';
import { parseId } from '~/lib/http';
import { getLocale, getT } from '~/lib/i18n.server';
import { useTranslation } from '~/lib/translation';
import { explainFlag } from '~/risk/explain';
import { requireFlag, respondToFlag } from '~/risk/flags.server';
import { responseKinds } from '~/risk/indicators-list';
import { responseSchema } from '~/risk/schemas';
import { ErrorSummary, SelectField, SubmitButton, TextareaField } from '~/ui/form';
import { PageHeader, Section, Stat, Stats } from '~/ui/page';
import { DataTable } from '~/ui/table';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const view = requireFlag(viewer, parseId(params.flagId));
  const t = await getT(request);
  return {
    ...view,
    title: t('risk.flagTitle', {
      indicator: t(`risk.indicators.${view.flag.indicator}`),
      subject: view.flag.subject.title,
    }),
    locale: await getLocale(request),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const flagId = parseId(params.flagId);
  const formData = await request.formData();
  const result = await submitForm(formData, responseSchema, (input) => respondToFlag(viewer, flagId, input));
  return result.ok ? redirect(`/risk/${flagId}?responded=1#responses`) : result.reply;
}

export default function FlagPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const { flag, records, scoring, responses, locale } = loaderData;
  const [form, fields] = useForm<z.input<typeof responseSchema>>({ id: 'respond', lastResult: actionData });
  const labels = { kind: t('risk.responses.kind'), text: t('risk.responses.text') };
  return (
    <>
      <PageHeader title={loaderData.title} />
      <p className="callout" data-testid="flag-explanation">
        {explainFlag(t, locale, flag)}
      </p>
      <p className="hint">{t('risk.signal')}</p>
      <Stats>
        <Stat
          label={t(`risk.subjects.${flag.subjectType}`)}
          value={<Link to={flag.subject.path}>{flag.subject.title}</Link>}
        />
        {flag.organizationName ? (
          <Stat
            label={t('risk.list.organization')}
            value={<Link to={`/orgs/${flag.organizationId}`}>{flag.organizationName}</Link>}
          />
        ) : null}
        {flag.departmentName ? <Stat label={t('risk.list.department')} value={flag.departmentName} /> : null}
        <Stat label={t('risk.list.value')} value={formatMoney(flag.valueFen, locale)} testId="flag-value" />
        <Stat label={t('risk.list.raised')} value={formatDateTime(flag.raisedAt, locale)} />
      </Stats>

      {records.length ? (
        <Section title={t('risk.records.title')}>
          <ul data-testid="flag-records">
            {records.map((r) => (
              <li key={`${r.type}-${r.id}`}>
                {t(`risk.records.${r.type}`)} #{r.id}
                {r.label ? ` · ${r.label}` : ''} {r.href ? <Link to={r.href}>{t('risk.records.open')}</Link> : null}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {scoring?.length ? (
        <Section title={t('risk.scoring.title')}>
          <DataTable
            testId="flag-scoring"
            caption={t('risk.scoring.title')}
            rows={scoring}
            rowKey={(r) => r.bidId}
            columns={[
              { label: t('risk.scoring.bidder'), cell: (r) => r.name, title: true },
              { label: t('risk.scoring.price'), cell: (r) => formatMoney(r.priceFen, locale), num: true },
              { label: t('risk.scoring.total'), cell: (r) => r.total, num: true },
              { label: t('risk.scoring.rank'), cell: (r) => r.rank, num: true },
              { label: t('risk.scoring.winner'), cell: (r) => (r.winner ? '✓' : '') },
            ]}
          />
        </Section>
      ) : null}

      <section className="section" id="responses" aria-labelledby="responses-title">
        <h2 id="responses-title">{t('risk.responses.title')}</h2>
        {searchParams.has('responded') ? (
          <p className="notice" role="status">
            {t('risk.responses.saved')}
          </p>
        ) : null}
        {responses.length ? (
          <ul data-testid="flag-responses">
            {responses.map((r) => (
              <li key={r.id}>
                <strong>{t(`risk.responses.kinds.${r.kind}`)}</strong>
                {t('punctuation.colon')}
                {r.text}
                <br />
                <span className="hint">
                  {t('risk.responses.by', { name: r.by, at: formatDateTime(r.createdAt, locale) })}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">{t('risk.responses.none')}</p>
        )}
        {loaderData.canRespond ? (
          <Form method="post" {...getFormProps(form)} className="narrow">
            <h3>{t('risk.responses.add')}</h3>
            <ErrorSummary form={form} labels={labels} />
            <input type="hidden" name="intent" value="respond" />
            <SelectField
              meta={fields.kind}
              label={labels.kind}
              options={responseKinds.map((k) => ({ value: k, label: t(`risk.responses.kinds.${k}`) }))}
            />
            <TextareaField meta={fields.text} label={labels.text} rows={4} />
            <SubmitButton>{t('risk.responses.save')}</SubmitButton>
          </Form>
        ) : null}
      </section>
    </>
  );
}
