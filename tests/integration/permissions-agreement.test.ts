// Every button a procurement or payments page shows (or hides) agrees with the command behind it:
// for records in each state and each kind of viewer, the loader's answer is true exactly when the
// command goes through. Each command runs in a transaction rolled back afterwards.
import { resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { buildWorld, outcomeOf, requestFor, rolledBack, type Role, type World } from '../support/authorization';
import { now } from '~/lib/clock.server';
import { db } from '~/lib/db.server';
import type { MilestoneState } from '~/payments/machine';
import { createStandardMilestones } from '~/payments/milestone-plan.server';
import { contractMachine, tenderMachine, type ContractState, type TenderState } from '~/procurement/machine';
import { sealBid } from '~/procurement/seal.server';

type Module = { loader: (args: unknown) => Promise<unknown>; action: (args: unknown) => Promise<unknown> };
type Page = Record<string, unknown>;

const roles: Role[] = [
  'anon',
  'ownerA',
  'memberA',
  'ownerB',
  'commissionerA',
  'reviewerA',
  'financeA',
  'adminA',
  'leadershipA',
  'commissionerB',
  'financeB',
  'platform',
];
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==',
  'base64',
);
const hours = (n: number) => new Date(now().getTime() + n * 3600_000);
const today = () => new Date(now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);

let world: World;
beforeAll(async () => {
  world = await buildWorld();
});

const route = async (file: string) => (await import(resolve('app/routes', file))) as Module;

/** The page's data for this viewer, or null where the page is not theirs (sent to log in, 403, 404). */
async function pageFor(mod: Module, path: string, params: Record<string, string>, role: Role) {
  try {
    const value = await mod.loader({ request: requestFor(path, world.cookies[role]), params, context: {} });
    // A loader that also sets headers (a public page's caching) returns data(value, init).
    const withInit = value as { type?: unknown; data?: unknown };
    return (withInit?.type === 'DataWithResponseInit' ? withInit.data : value) as Page;
  } catch (error) {
    // A page refused with its reason (`explained`) throws data(): refused all the same.
    if (error instanceof Response || isDataWithResponseInit(error)) return null;
    throw error;
  }
}

const isDataWithResponseInit = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { type?: unknown }).type === 'DataWithResponseInit';

/** Whether the command went through: the action redirected on (never to the login), then rolled back. */
function succeeds(mod: Module, path: string, params: Record<string, string>, role: Role, form: FormData) {
  return rolledBack(async () => {
    const request = requestFor(path, world.cookies[role], { method: 'POST', body: form });
    const outcome = await outcomeOf(() => mod.action({ request, params, context: {} }));
    return outcome.kind === 'allowed' && outcome.status >= 300 && outcome.status < 400;
  });
}

function formOf(fields: Record<string, string | File>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return form;
}

type Case = { record: string; role: Role; intent: string; shown: boolean; done: boolean };

/** The disagreements, readable in a failure, and how many commands went through (a test that cannot fail is a defect). */
function summary(cases: Case[]) {
  return {
    disagreements: cases
      .filter((c) => c.shown !== c.done)
      .map((c) => `${c.record} ${c.role} ${c.intent}: page ${c.shown}, command ${c.done}`),
    intentsThatWentThrough: [...new Set(cases.filter((c) => c.done).map((c) => c.intent))].sort(),
  };
}

describe('contract page', () => {
  function contractIn(state: ContractState) {
    const contract = db
      .insert(s.contracts)
      .values({
        unionId: world.unionA.id,
        departmentId: null,
        organizationId: world.orgA,
        title: `权限一致性 ${state}`,
        category: 'counselling',
        amountFen: 1000,
        sessions: 2,
        minWorkerVisits: 0,
        state,
        ...(state === 'terminated' ? { terminationReason: '测试', terminatedAt: now() } : {}),
        ...(state === 'completed' ? { completedAt: now() } : {}),
      })
      .returning()
      .get();
    createStandardMilestones(db, contract.id, contract.amountFen, contract.sessions);
    return contract.id;
  }
  const intents: Record<string, { flag: string; fields: Record<string, string> }> = {
    issue: { flag: 'canIssue', fields: { signingPercent: '30', sessionsPercent: '0' } },
    confirm: { flag: 'canConfirm', fields: {} },
    amend: { flag: 'canAmend', fields: { amount: '10', sessions: '3', minWorkerVisits: '0', rationale: '增加场次' } },
    complete: { flag: 'canComplete', fields: { reason: '服务提前结束' } },
    terminate: { flag: 'canTerminate', fields: { reason: '服务方无法履约', confirmed: 'yes' } },
  };

  it('shows each button exactly where its command goes through', async () => {
    const mod = await route('contracts.$contractId.tsx');
    const cases: Case[] = [];
    for (const state of contractMachine.states) {
      const contractId = String(contractIn(state));
      const path = `/contracts/${contractId}`;
      for (const role of roles) {
        const page = await pageFor(mod, path, { contractId }, role);
        for (const [intent, { flag, fields }] of Object.entries(intents)) {
          const done = await succeeds(mod, path, { contractId }, role, formOf({ intent, ...fields }));
          cases.push({ record: state, role, intent, shown: page?.[flag] === true, done });
        }
      }
    }
    expect(summary(cases)).toEqual({ disagreements: [], intentsThatWentThrough: Object.keys(intents).sort() });
  });
});

describe('milestone page', () => {
  function milestoneIn(state: MilestoneState, contractState: ContractState) {
    const contract = db
      .insert(s.contracts)
      .values({
        unionId: world.unionA.id,
        organizationId: world.orgA,
        title: `付款一致性 ${state}`,
        category: 'counselling',
        amountFen: 1000,
        sessions: 2,
        state: contractState,
      })
      .returning()
      .get();
    const milestone = db
      .insert(s.milestones)
      .values({ contractId: contract.id, label: 'final', condition: 'final', amountFen: 1000, state })
      .returning()
      .get();
    if (state === 'paid' || state === 'confirmed')
      db.insert(s.payments)
        .values({ milestoneId: milestone.id, method: 'bank_transfer', amountFen: 1000, paidOn: today() })
        .run();
    const attempt = db
      .insert(s.payments)
      .values({ milestoneId: milestone.id, method: 'stripe', state: 'pending', amountFen: 1000 })
      .returning()
      .get();
    return { milestoneId: String(milestone.id), attemptId: String(attempt.id) };
  }
  const records = [
    ...(['pending', 'due', 'approved', 'paid', 'confirmed'] as const).map((state) => [state, 'active'] as const),
    ['due', 'terminated'] as const,
    ['approved', 'terminated'] as const,
  ];

  it('shows each button exactly where its command goes through', async () => {
    const mod = await route('milestones.$milestoneId.tsx');
    const cases: Case[] = [];
    for (const [state, contractState] of records) {
      const { milestoneId, attemptId } = milestoneIn(state, contractState);
      const path = `/milestones/${milestoneId}`;
      const intents = {
        approve: { shown: (p: Page) => p.canApprove, fields: {} },
        confirm: { shown: (p: Page) => p.canConfirm, fields: {} },
        transfer: {
          shown: (p: Page) => p.canRecordTransfer,
          fields: () => ({
            paidOn: today(),
            amount: '10',
            reference: 'BANK-0001',
            voucher: new File([png], 'voucher.png', { type: 'image/png' }),
          }),
        },
        cancelStripe: {
          shown: (p: Page) => (p.openAttempt as { canCancel: boolean } | null)?.canCancel,
          fields: { paymentId: attemptId, note: '重复发起' },
        },
      };
      for (const role of roles) {
        const page = await pageFor(mod, path, { milestoneId }, role);
        for (const [intent, { shown, fields }] of Object.entries(intents)) {
          const values = typeof fields === 'function' ? fields() : fields;
          const done = await succeeds(mod, path, { milestoneId }, role, formOf({ intent, ...values }));
          cases.push({
            record: `${state}/${contractState}`,
            role,
            intent,
            shown: page ? shown(page) === true : false,
            done,
          });
        }
      }
    }
    expect(summary(cases)).toEqual({
      disagreements: [],
      intentsThatWentThrough: ['approve', 'cancelStripe', 'confirm', 'transfer'],
    });
  });
  it('the payment queue shows the approve button exactly where approving goes through', async () => {
    const mod = await route('unions.$unionId.payments.tsx');
    const unionId = String(world.unionA.id);
    const path = `/unions/${unionId}/payments`;
    const cases: Case[] = [];
    for (const [state, contractState] of records) {
      const { milestoneId } = milestoneIn(state, contractState);
      for (const role of roles) {
        const page = await pageFor(mod, path, { unionId }, role);
        const groups = (page?.groups ?? []) as { milestones: { id: number; canApprove: boolean }[] }[];
        const row = groups.flatMap((g) => g.milestones).find((m) => String(m.id) === milestoneId);
        const done = await succeeds(mod, path, { unionId }, role, formOf({ milestoneId }));
        cases.push({
          record: `${state}/${contractState}`,
          role,
          intent: 'approve',
          shown: row?.canApprove === true,
          done,
        });
      }
    }
    expect(summary(cases)).toEqual({ disagreements: [], intentsThatWentThrough: ['approve'] });
  });
});

describe('tender pages', () => {
  const userNamed = (name: string) => db.select().from(s.users).where(eq(s.users.name, name)).get()!.id;

  /** A tender in `state` with organization A's bid, a reviewer on the panel, a question, and an objection once proposed. */
  function tenderIn(state: TenderState) {
    const past = ['closed', 'evaluating', 'award_proposed', 'cancelled'].includes(state);
    const tender = db
      .insert(s.tenders)
      .values({
        unionId: world.unionA.id,
        createdBy: world.ownerAId,
        title: `权限一致性 ${state}`,
        category: 'counselling',
        sessions: 2,
        budgetFen: 100_000,
        weights: { price: 30, plan: 40, team: 20, track_record: 10 },
        // A week away: a draft may be published within the county's minimum bidding period (5 days).
        deadlineAt: past ? hours(-2) : hours(7 * 24),
        state,
        ...(state === 'cancelled' ? { cancelReason: '测试' } : {}),
      })
      .returning()
      .get();
    const bid = (organizationId: number) =>
      db
        .insert(s.bids)
        .values({
          tenderId: tender.id,
          organizationId,
          sealed: sealBid(tender.id, organizationId, { priceFen: 500, plan: '方案', team: '' }),
          state: 'submitted',
          submittedAt: hours(-3),
        })
        .returning()
        .get().id;
    if (state !== 'draft') bid(world.orgA);
    db.insert(s.tenderReviewers)
      .values({ tenderId: tender.id, userId: userNamed('reviewerA') })
      .run();
    const question = db
      .insert(s.tenderQuestions)
      .values({ tenderId: tender.id, organizationId: world.orgA, question: '服务地点在哪里？' })
      .returning()
      .get().id;
    let objection = 0;
    if (state === 'award_proposed') {
      const awardBidId = bid(world.orgB);
      db.update(s.tenders)
        .set({ awardedBidId: awardBidId, awardProposedAt: hours(-1), objectionEndsAt: hours(48) })
        .where(eq(s.tenders.id, tender.id))
        .run();
      objection = db
        .insert(s.objections)
        .values({ tenderId: tender.id, organizationId: world.orgA, awardBidId, reason: '评分有误' })
        .returning()
        .get().id;
    }
    return { tenderId: String(tender.id), question: String(question), objection: String(objection) };
  }

  it('shows each button exactly where its command goes through', async () => {
    const page = await route('tenders.$tenderId.tsx');
    const manage = await route('tenders.$tenderId.manage.tsx');
    const evaluate = await route('tenders.$tenderId.evaluate.tsx');
    const reviewer = String(userNamed('reviewerA'));
    const candidate = String(userNamed('commissionerA'));
    const cases: Case[] = [];
    for (const state of tenderMachine.states) {
      const { tenderId, question, objection } = tenderIn(state);
      const path = `/tenders/${tenderId}`;
      for (const role of roles) {
        const shown = await pageFor(page, path, { tenderId }, role);
        const managed = await pageFor(manage, `${path}/manage`, { tenderId }, role);
        const evaluated = await pageFor(evaluate, `${path}/evaluate`, { tenderId }, role);
        const panelOpen = managed?.canChangePanel === true;
        const has = (list: unknown, key: string, id: string) =>
          Array.isArray(list) && list.some((row: Record<string, unknown>) => String(row[key]) === id);
        const objectionRow = (managed?.objections as { id: number; canAnswer: boolean }[] | undefined)?.find(
          (o) => String(o.id) === objection,
        );
        const organization = (shown?.organization ?? null) as Page | null;
        const organizationId = String(organization?.id ?? world.orgA);
        const bid = { price: '5', plan: '我们的服务方案', team: '' };
        const intents: Record<string, [unknown, Module, string, Record<string, string>]> = {
          publish: [(shown?.staff as Page | undefined)?.canPublish, page, path, {}],
          submit: [organization?.canBid, page, path, { organizationId, ...bid }],
          withdraw: [organization?.canWithdraw, page, path, { organizationId }],
          ask: [organization?.canAsk, page, path, { organizationId, question: '服务地点在哪里？' }],
          object: [organization?.canObject, page, path, { organizationId, reason: '评分有误，请复核。' }],
          cancel: [managed?.canCancel, manage, `${path}/manage`, { reason: '预算调整' }],
          assign: [
            panelOpen && has(managed?.candidates, 'userId', candidate),
            manage,
            `${path}/manage`,
            { userId: candidate },
          ],
          remove: [
            panelOpen && has(managed?.panel, 'userId', reviewer),
            manage,
            `${path}/manage`,
            { userId: reviewer },
          ],
          answer: [
            managed?.canAnswerQuestions === true && has(managed.questions, 'id', question),
            manage,
            `${path}/manage`,
            { questionId: question, answer: '在职工服务中心。' },
          ],
          answerObjection: [
            objectionRow?.canAnswer,
            manage,
            `${path}/manage`,
            { objectionId: objection, decision: 'dismiss', answer: '评分经复核无误。' },
          ],
          declare: [evaluated?.canDeclare, evaluate, `${path}/evaluate`, {}],
        };
        for (const [intent, [answer, mod, url, fields]] of Object.entries(intents)) {
          const done = await succeeds(mod, url, { tenderId }, role, formOf({ intent, ...fields }));
          cases.push({ record: state, role, intent, shown: answer === true, done });
        }
      }
    }
    expect(summary(cases)).toEqual({
      disagreements: [],
      intentsThatWentThrough: [
        'answer',
        'answerObjection',
        'ask',
        'assign',
        'cancel',
        'declare',
        'object',
        'publish',
        'remove',
        'submit',
        'withdraw',
      ],
    });
  });
});
