import { getFormProps, useForm } from '@conform-to/react';
import { useTranslation } from '~/lib/translation';
import { Form, useSearchParams, redirect } from 'react-router';
import type { Route } from './+types/unions.$unionId.commissioning';
import { requireViewer } from '~/accounts/auth.server';
import { isFinanceTwoFactorRequired, setFinanceTwoFactorRequired } from '~/accounts/two-factor.server';
import { requireCommissioningSettings, setDirectCommissionLimit } from '~/catalog/commissions.server';
import { setAttendanceStandard, unionStandard } from '~/delivery/attendance.server';
import { limitSchema } from '~/catalog/schemas';
import { minBiddingDays, setMinBiddingDays } from '~/procurement/bidding-period.server';
import { BiddingPeriodForm } from '~/procurement/components/bidding-period-form';
import { biddingPeriodSchema } from '~/procurement/schemas';
import { attempt, refused, submitForm } from '~/lib/actions.server';
import { formatMoney } from '~/lib/format';
import { parseId } from '~/lib/http';
import { getLocale, getT } from '~/lib/i18n.server';
import { fenToYuanInput } from '~/lib/money';
import { RiskSettingsForm } from '~/risk/components/risk-settings-form';
import { riskSettings, setRiskSettings } from '~/risk/flags.server';
import { riskSettingsSchema } from '~/risk/schemas';
import { ActionMessage, ErrorSummary, Field, SubmitButton } from '~/ui/form';
import { PageHeader } from '~/ui/page';
import type { z } from 'zod';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const union = requireCommissioningSettings(viewer, parseId(params.unionId));
  const t = await getT(request);
  return {
    title: t('catalog.settings.title', { union: union.name }),
    locale: await getLocale(request),
    union,
    financeTwoFactorRequired: isFinanceTwoFactorRequired(union.id),
    attendanceStandard: unionStandard(union.id),
    biddingDays: minBiddingDays(union.id),
    riskSettings: riskSettings(union.id),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const unionId = parseId(params.unionId);
  const formData = await request.formData();
  if (formData.get('intent') === 'security') {
    setFinanceTwoFactorRequired(viewer, unionId, formData.get('financeTwoFactorRequired') === 'on');
    return redirect(`/unions/${unionId}/commissioning?securitySaved=1#security`);
  }
  if (formData.get('intent') === 'attendance-standard') {
    const result = await attempt(() => setAttendanceStandard(viewer, unionId, formData.get('standard')));
    if (!result.ok) return refused(result.error);
    return redirect(`/unions/${unionId}/commissioning?standardSaved=1#attendance-standard`);
  }
  if (formData.get('intent') === 'risk-settings') {
    const result = await submitForm(
      formData,
      riskSettingsSchema,
      ({ intent: _, ...settings }) => setRiskSettings(viewer, unionId, settings),
      { form: 'riskSettings' },
    );
    return result.ok ? redirect(`/unions/${unionId}/commissioning?riskSaved=1#risk-settings`) : result.reply;
  }
  if (formData.get('intent') === 'bidding-period') {
    const result = await submitForm(
      formData,
      biddingPeriodSchema,
      ({ days }) => setMinBiddingDays(viewer, unionId, days),
      { form: 'biddingPeriod' },
    );
    return result.ok ? redirect(`/unions/${unionId}/commissioning?biddingSaved=1#bidding-period`) : result.reply;
  }
  const result = await submitForm(formData, limitSchema, ({ limit }) =>
    setDirectCommissionLimit(viewer, unionId, limit),
  );
  return result.ok ? redirect(`/unions/${unionId}/commissioning?saved=1`) : result.reply;
}

export default function CommissioningSettings({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const { union, locale } = loaderData;
  const [form, fields] = useForm<z.input<typeof limitSchema>>({
    lastResult:
      actionData && !('failure' in actionData) && !('biddingPeriod' in actionData) && !('riskSettings' in actionData)
        ? actionData
        : undefined,
    defaultValue: { limit: fenToYuanInput(union.limitFen) },
  });
  return (
    <div className="narrow">
      <PageHeader title={loaderData.title} />
      {searchParams.get('saved') ? (
        <p className="notice" role="status">
          {t('catalog.settings.saved')}
        </p>
      ) : null}
      <p data-testid="current-limit">{t('catalog.settings.current', { limit: formatMoney(union.limitFen, locale) })}</p>
      <Form method="post" {...getFormProps(form)}>
        <ErrorSummary form={form} labels={{ limit: t('catalog.settings.limitYuan') }} />
        <Field
          meta={fields.limit}
          label={t('catalog.settings.limitYuan')}
          hint={t('catalog.settings.limitHint')}
          inputMode="decimal"
        />
        <SubmitButton>{t('catalog.settings.save')}</SubmitButton>
      </Form>
      <BiddingPeriodForm
        days={loaderData.biddingDays}
        saved={searchParams.has('biddingSaved')}
        lastResult={actionData && 'biddingPeriod' in actionData ? actionData.biddingPeriod : undefined}
      />
      <RiskSettingsForm
        settings={loaderData.riskSettings}
        saved={searchParams.has('riskSaved')}
        lastResult={actionData && 'riskSettings' in actionData ? actionData.riskSettings : undefined}
      />
      <section id="security" aria-labelledby="security-title">
        <h2 id="security-title">{t('accounts.security.union.title')}</h2>
        {searchParams.get('securitySaved') ? (
          <p className="notice" role="status">
            {t('accounts.security.union.saved')}
          </p>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value="security" />
          <p className="field">
            <label>
              <input
                type="checkbox"
                name="financeTwoFactorRequired"
                defaultChecked={loaderData.financeTwoFactorRequired}
                aria-describedby="finance-two-factor-hint"
              />{' '}
              {t('accounts.security.union.requireFinance')}
            </label>
          </p>
          <p className="hint" id="finance-two-factor-hint">
            {t('accounts.security.union.requireFinanceHint')}
          </p>
          <SubmitButton>{t('accounts.security.union.save')}</SubmitButton>
        </Form>
      </section>
      <section id="attendance-standard" aria-labelledby="attendance-standard-title">
        <h2 id="attendance-standard-title">{t('delivery.attendance.settings.title')}</h2>
        {searchParams.get('standardSaved') ? (
          <p className="notice" role="status">
            {t('delivery.attendance.settings.saved')}
          </p>
        ) : null}
        <p className="hint">{t('delivery.attendance.settings.explanation')}</p>
        <ActionMessage failure={actionData && 'failure' in actionData ? actionData.failure : null} />
        <Form method="post">
          <input type="hidden" name="intent" value="attendance-standard" />
          <fieldset className="field">
            <legend>{t('delivery.attendance.settings.title')}</legend>
            {(['sms', 'code'] as const).map((standard) => (
              <p key={standard}>
                <label>
                  <input
                    type="radio"
                    name="standard"
                    value={standard}
                    defaultChecked={loaderData.attendanceStandard === standard}
                  />{' '}
                  {t(`delivery.attendance.settings.${standard}`)}
                </label>
              </p>
            ))}
          </fieldset>
          <SubmitButton>{t('delivery.attendance.settings.save')}</SubmitButton>
        </Form>
      </section>
    </div>
  );
}
