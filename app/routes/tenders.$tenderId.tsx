import { useTranslation } from '~/lib/translation';
import { data, redirect } from 'react-router';
import type { Route } from './+types/tenders.$tenderId';
import { FlagPanel } from '~/risk/components/flag-panel';
import { subjectFlags } from '~/risk/flags.server';
import { getViewer, requireViewer } from '~/accounts/auth.server';
import { loaderCaching, publicPageCaching } from '~/http/cache.server';
import { attempt, refused, submitForm } from '~/lib/actions.server';
import { runTenderClock } from '~/jobs/ticks.server';
import { parseId } from '~/lib/http';
import { getLocale } from '~/lib/i18n.server';
import { fileObjection } from '~/procurement/award.server';
import { saveBidDraft, submitBid, withdrawBid } from '~/procurement/bids.server';
import { BidSection } from '~/procurement/components/bid-section';
import { StaffActions, TenderAttachments, TenderOutcome, TenderTerms } from '~/procurement/components/tender-details';
import { TenderQuestions } from '~/procurement/components/tender-questions';
import { AmendmentHistory, AwardNotice } from '~/procurement/components/tender-sections';
import { askQuestion } from '~/procurement/questions.server';
import { bidSchema, objectionSchema, questionSchema } from '~/procurement/schemas';
import { tenderPage } from '~/procurement/tender-page.server';
import { publishTender } from '~/procurement/tenders.server';
import { ActionMessage } from '~/ui/form';
import { PageHeader, StateBadge } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.tender.title }];

const notices = ['submitted', 'draftSaved', 'withdrawn', 'asked', 'objected', 'extended', 'amended'] as const;

export const headers = loaderCaching;

export async function loader({ request, params }: Route.LoaderArgs) {
  runTenderClock();
  const viewer = await getViewer(request);
  const query = new URL(request.url).searchParams;
  const page = tenderPage(viewer, parseId(params.tenderId));
  // The moments the page changes by itself: questions close, bidding closes, the objection period ends.
  const changesAt = [page.tender.questionDeadlineAt, page.tender.deadlineAt, page.award?.objectionEndsAt];
  return data(
    {
      ...page,
      risk: subjectFlags(viewer, 'tender', page.tender.id),
      locale: await getLocale(request),
      notice: notices.find((n) => query.has(n)) ?? null,
    },
    { headers: publicPageCaching(viewer !== null, changesAt) },
  );
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const tenderId = parseId(params.tenderId);
  const formData = await request.formData();
  const intent = formData.get('intent') ?? 'submit';
  const organizationId = Number(formData.get('organizationId'));
  const done = (notice?: string) => redirect(`/tenders/${tenderId}${notice ? `?${notice}` : ''}`);

  if (intent === 'publish') {
    const result = await attempt(() => publishTender(viewer, tenderId));
    return result.ok ? done() : refused(result.error);
  }
  if (intent === 'withdraw') {
    const result = await attempt(() => withdrawBid(viewer, tenderId, organizationId));
    return result.ok ? done('withdrawn') : refused(result.error);
  }
  if (intent === 'ask') {
    const ask = ({ question }: { question: string }) => askQuestion(viewer, tenderId, organizationId, question);
    const result = await submitForm(formData, questionSchema, ask, { form: 'question' });
    return result.ok ? done('asked') : result.reply;
  }
  if (intent === 'object') {
    const object = ({ reason }: { reason: string }) => fileObjection(viewer, tenderId, organizationId, reason);
    const result = await submitForm(formData, objectionSchema, object, { form: 'objection' });
    return result.ok ? done('objected') : result.reply;
  }
  const write = intent === 'saveDraft' ? saveBidDraft : submitBid;
  const result = await submitForm(
    formData,
    bidSchema,
    ({ price, plan, team }) => write(viewer, tenderId, organizationId, { priceFen: price, plan, team }),
    { form: 'bid' },
  );
  return result.ok ? done(intent === 'saveDraft' ? 'draftSaved' : 'submitted') : result.reply;
}

export default function TenderPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { tender, locale, organization } = loaderData;
  const reply = {
    bid: actionData && 'bid' in actionData ? actionData.bid : undefined,
    objection: actionData && 'objection' in actionData ? actionData.objection : undefined,
    question: actionData && 'question' in actionData ? actionData.question : undefined,
  };
  return (
    <>
      <PageHeader title={tender.title}>
        <StateBadge states="procurement.states.tender" state={tender.state} />
      </PageHeader>
      <ActionMessage
        failure={actionData && 'failure' in actionData ? actionData.failure : null}
        values={actionData && 'values' in actionData ? actionData.values : undefined}
      />
      {loaderData.notice ? (
        <p className="callout" role="status">
          {t(`procurement.notices.${loaderData.notice}`)}
        </p>
      ) : null}
      <StaffActions tender={tender} staff={loaderData.staff} />
      <TenderOutcome tender={tender} />
      <TenderTerms tender={tender} locale={locale} />
      <TenderAttachments tenderId={tender.id} attachments={loaderData.attachments} />
      {loaderData.award ? <AwardNotice award={loaderData.award} state={tender.state} locale={locale} /> : null}
      <FlagPanel flags={loaderData.risk.flags} staff={loaderData.risk.staff} />
      <AmendmentHistory amendments={loaderData.amendments} locale={locale} />
      <TenderQuestions
        answers={loaderData.answers}
        questionsOpen={loaderData.questionsOpen}
        organization={organization}
        lastResult={reply.question}
      />
      {organization ? (
        <BidSection
          organization={organization}
          open={loaderData.open}
          closed={loaderData.closed}
          locale={locale}
          replies={reply}
        />
      ) : null}
    </>
  );
}
