import { useTranslation } from '~/lib/translation';
import { Link, redirect } from 'react-router';
import type { Route } from './+types/unions.$unionId.budgets';
import { requireViewer } from '~/accounts/auth.server';
import { submitForm } from '~/lib/actions.server';
import { now } from '~/lib/clock.server';
import { formatMoney } from '~/lib/format';
import { parseId } from '~/lib/http';
import { getLocale, getT } from '~/lib/i18n.server';
import { setBudget, unionBudgets } from '~/payments/budget.server';
import { budgetYear } from '~/payments/ledger.server';
import { may } from '~/lib/permission';
import { maySetBudget } from '~/payments/permissions';
import { BudgetForm } from '~/payments/components/budget-form';
import { budgetSchema } from '~/payments/schemas';
import { requireUnion } from '~/unions/unions.server';
import { PageHeader, Section } from '~/ui/page';
import { DataTable } from '~/ui/table';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

function requestedYear(request: Request) {
  const year = Number(new URL(request.url).searchParams.get('year'));
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : budgetYear(now());
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const unionId = parseId(params.unionId);
  const year = requestedYear(request);
  const departments = unionBudgets(viewer, unionId, year);
  const t = await getT(request);
  return {
    unionId,
    year,
    departments,
    canSet: may(maySetBudget(viewer, unionId)),
    locale: await getLocale(request),
    title: t('payments.budgets.title', { union: requireUnion(unionId).name }),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const unionId = parseId(params.unionId);
  const result = await submitForm(await request.formData(), budgetSchema, ({ departmentId, year, amount }) => {
    setBudget(viewer, unionId, { departmentId, year, amountFen: amount });
    return year;
  });
  return result.ok ? redirect(`/unions/${unionId}/budgets?year=${result.value}`) : result.reply;
}

export default function Budgets({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { locale, year, unionId } = loaderData;
  const money = (fen: number | null) => (fen === null ? t('payments.budgets.notSet') : formatMoney(fen, locale));
  return (
    <>
      <PageHeader title={loaderData.title}>
        <Link to={`/unions/${unionId}/payments`}>{t('payments.queueLink')}</Link>
      </PageHeader>
      <nav className="actions" aria-label={t('payments.budgets.years')}>
        <Link to={`?year=${year - 1}`}>← {year - 1}</Link>
        <strong>{t('payments.budgets.yearHeading', { year })}</strong>
        <Link to={`?year=${year + 1}`}>{year + 1} →</Link>
      </nav>
      <DataTable
        testId="budgets"
        rows={loaderData.departments}
        rowKey={(d) => d.departmentId}
        columns={[
          { label: t('payments.budgets.department'), title: true, cell: (d) => d.name },
          { label: t('payments.budgets.budget'), cell: (d) => money(d.budgetFen) },
          { label: t('payments.committed'), cell: (d) => money(d.committedFen) },
          { label: t('payments.budgets.reserved'), cell: (d) => money(d.reservedFen) },
          { label: t('payments.paid'), cell: (d) => money(d.paidFen) },
          { label: t('payments.budgets.remaining'), cell: (d) => (d.budgetFen === null ? '—' : money(d.remainingFen)) },
        ]}
      />
      <p className="hint">{t('payments.budgets.explanation')}</p>
      {loaderData.canSet ? (
        <Section title={t('payments.budgets.set')}>
          <BudgetForm lastResult={actionData} departments={loaderData.departments} year={year} />
        </Section>
      ) : null}
    </>
  );
}
