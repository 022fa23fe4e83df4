import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { answerObjection, fileObjection, proposeAward } from './award.server';
import { openBids, submitBid } from './bids.server';
import { confirmContract, issueContract } from './contracts.server';
import { assignReviewer, declareConflicts, removeReviewer, scoreBid } from './evaluation.server';
import { answerQuestion, askQuestion } from './questions.server';
import {
  awardsToPropose,
  bidsToScore,
  contractsToIssue,
  contractsToSign,
  objectionsToAnswer,
  questionsToAnswer,
} from './queues.server';
import { createTender, requireTender } from './tenders.server';
import { viewerFor } from '../../tests/fixtures/accounts';
import {
  advanceHours,
  hoursFromNow,
  organizationOf,
  resetClock,
  seedCounty,
  tenderInput,
} from '../../tests/fixtures/procurement';
import type { Viewer } from '~/accounts/auth.server';
import type { Waiting } from '~/accounts/waiting';
import { runClock } from '~/jobs/ticks.server';
import { db } from '~/lib/db.server';
import { eq } from 'drizzle-orm';
import { notifications } from '../../db/schema';

let commissioner: Viewer;
let otherCommissioner: Viewer;
let reviewer: Viewer;
let finance: Viewer;
const bidders: Record<'legal' | 'psych', { viewer: Viewer; org: { id: number; name: string } }> = {} as never;

beforeAll(async () => {
  await seedCounty();
  commissioner = await viewerFor('commissioner@demo.gonghui.cn');
  otherCommissioner = await viewerFor('rights@demo.gonghui.cn');
  reviewer = await viewerFor('reviewer@demo.gonghui.cn');
  finance = await viewerFor('finance@demo.gonghui.cn');
  for (const key of ['legal', 'psych'] as const) {
    const email = `${key}@demo.gonghui.cn`;
    bidders[key] = { viewer: await viewerFor(email), org: organizationOf(email) };
  }
});
afterEach(resetClock);

const ids = (queue: Waiting[]) => queue.map((item) => item.id);
const scores = (bidId: number, score: number) => ({
  bidId,
  plan: score,
  team: score,
  track_record: score,
  plan_comment: '',
  team_comment: '',
  track_record_comment: '',
});

/** Two bids, the deadline passed and the tender closed by the clock; the reviewer sits on the panel. */
function closedTender() {
  const id = createTender(commissioner, tenderInput({ deadline: hoursFromNow(2), objectionDays: 3 }));
  assignReviewer(commissioner, id, reviewer.id);
  submitBid(bidders.legal.viewer, id, bidders.legal.org.id, { priceFen: 4_000_000, plan: '方案甲', team: '' });
  submitBid(bidders.psych.viewer, id, bidders.psych.org.id, { priceFen: 4_500_000, plan: '方案乙', team: '' });
  return id;
}
const bidsOf = (id: number) => openBids(commissioner, requireTender(id)).map((b) => b.id);

describe('bids to score', () => {
  it('waits on each panel member after the deadline until they have declared and scored every bid they may', () => {
    const id = closedTender();
    expect(ids(bidsToScore(reviewer))).not.toContain(id);
    advanceHours(3);
    runClock();
    expect(ids(bidsToScore(reviewer))).toContain(id);
    expect(ids(bidsToScore(commissioner))).toContain(id);
    // Not on the panel: another commissioner of the union, finance.
    expect(ids(bidsToScore(otherCommissioner))).not.toContain(id);
    expect(ids(bidsToScore(finance))).not.toContain(id);

    declareConflicts(reviewer, id, []);
    const [first, second] = bidsOf(id) as [number, number];
    scoreBid(reviewer, id, scores(first, 80));
    expect(ids(bidsToScore(reviewer))).toContain(id);
    scoreBid(reviewer, id, scores(second, 70));
    expect(ids(bidsToScore(reviewer))).not.toContain(id);
    expect(ids(bidsToScore(commissioner))).toContain(id);
  });

  it('leaves out the bid of a declared conflict', () => {
    const id = closedTender();
    advanceHours(3);
    runClock();
    declareConflicts(reviewer, id, [bidders.psych.org.id]);
    const legalBid = openBids(commissioner, requireTender(id)).find((b) => b.organizationId === bidders.legal.org.id)!;
    scoreBid(reviewer, id, scores(legalBid.id, 80));
    expect(ids(bidsToScore(reviewer))).not.toContain(id);
  });
});

/** Who was told, by this notification, about this page. */
const told = (template: 'panel_scored', path: string) =>
  db
    .select()
    .from(notifications)
    .where(eq(notifications.template, template))
    .all()
    .filter((n) => n.data.path === path)
    .map((n) => n.userId);

describe('awards to propose', () => {
  it('wait on the union’s commissioners, who are told once, from the moment the panel has scored every bid until one proposes the award', () => {
    const id = closedTender();
    advanceHours(3);
    runClock();
    const path = `/tenders/${id}/evaluate`;
    const [first, second] = bidsOf(id) as [number, number];
    for (const member of [commissioner, reviewer]) declareConflicts(member, id, []);
    scoreBid(commissioner, id, scores(first, 90));
    scoreBid(commissioner, id, scores(second, 60));
    scoreBid(reviewer, id, scores(first, 85));
    expect(ids(awardsToPropose(commissioner))).not.toContain(id);
    expect(told('panel_scored', path)).toEqual([]);

    scoreBid(reviewer, id, scores(second, 65));
    const award = awardsToPropose(commissioner).find((a) => a.id === id);
    expect(award).toMatchObject({ kind: 'awardsToPropose', path, role: 'commissioner' });
    expect(ids(awardsToPropose(otherCommissioner))).toContain(id);
    for (const other of [reviewer, finance, bidders.legal.viewer])
      expect(ids(awardsToPropose(other))).not.toContain(id);
    expect(told('panel_scored', path).sort()).toEqual([commissioner.id, otherCommissioner.id].sort());
    // A score changed afterwards tells nobody again.
    scoreBid(reviewer, id, scores(second, 66));
    expect(told('panel_scored', path)).toHaveLength(2);

    proposeAward(commissioner, id, first);
    expect(ids(awardsToPropose(commissioner))).not.toContain(id);
    expect(ids(awardsToPropose(otherCommissioner))).not.toContain(id);
  });

  it('arise when the last unfinished member leaves the panel', () => {
    const id = closedTender();
    advanceHours(3);
    runClock();
    declareConflicts(commissioner, id, []);
    for (const bidId of bidsOf(id)) scoreBid(commissioner, id, scores(bidId, 80));
    expect(ids(awardsToPropose(commissioner))).not.toContain(id); // the reviewer has not declared
    removeReviewer(commissioner, id, reviewer.id);
    expect(ids(awardsToPropose(commissioner))).toContain(id);
    expect(told('panel_scored', `/tenders/${id}/evaluate`)).toHaveLength(2);
  });
});

describe('questions and objections', () => {
  it('a question waits on the union’s commissioners until one answers it', () => {
    const id = createTender(commissioner, tenderInput());
    askQuestion(bidders.legal.viewer, id, bidders.legal.org.id, '是否需要提供场地？');
    const asked = questionsToAnswer(commissioner).find((q) => q.path === `/tenders/${id}/manage`);
    expect(asked).toMatchObject({ kind: 'questionsToAnswer', role: 'commissioner' });
    expect(ids(questionsToAnswer(otherCommissioner))).toContain(asked!.id);
    expect(ids(questionsToAnswer(reviewer))).not.toContain(asked!.id);
    expect(ids(questionsToAnswer(bidders.legal.viewer))).toEqual([]);
    // Each commissioner who may answer was told, sealed like the question itself.
    const told = db
      .select()
      .from(notifications)
      .where(eq(notifications.template, 'question_asked'))
      .all()
      .filter((n) => n.data.path === `/tenders/${id}/manage`);
    expect(told.map((n) => n.userId).sort()).toEqual([commissioner.id, otherCommissioner.id].sort());
    expect(told.every((n) => n.sealedTenderId === id)).toBe(true);
    answerQuestion(otherCommissioner, id, asked!.id, '场地由工会提供。');
    expect(ids(questionsToAnswer(commissioner))).not.toContain(asked!.id);
  });

  it('an objection waits on the commissioners until it is answered; the drafted contract then waits to be issued, and the issued one to be signed', () => {
    const id = closedTender();
    advanceHours(3);
    runClock();
    const opened = openBids(commissioner, requireTender(id));
    const legalBid = opened.find((b) => b.organizationId === bidders.legal.org.id)!;
    const psychBid = opened.find((b) => b.organizationId === bidders.psych.org.id)!;
    for (const member of [commissioner, reviewer]) {
      declareConflicts(member, id, []);
      scoreBid(member, id, scores(legalBid.id, 90));
      scoreBid(member, id, scores(psychBid.id, 60));
    }
    proposeAward(commissioner, id, legalBid.id);
    fileObjection(bidders.psych.viewer, id, bidders.psych.org.id, '请复核评分。');
    const objection = objectionsToAnswer(commissioner).find((o) => o.path === `/tenders/${id}/manage`)!;
    expect(objection).toBeDefined();
    expect(ids(objectionsToAnswer(reviewer))).not.toContain(objection.id);
    answerObjection(commissioner, objection.id, { decision: 'dismiss', answer: '评分无误。' });
    expect(ids(objectionsToAnswer(commissioner))).not.toContain(objection.id);

    advanceHours(24 * 4);
    runClock();
    const draft = contractsToIssue(commissioner).find((c) => c.title === requireTender(id).title)!;
    expect(draft).toMatchObject({ kind: 'contractsToIssue', role: 'commissioner' });
    expect(ids(contractsToIssue(reviewer))).not.toContain(draft.id);
    expect(ids(contractsToSign(bidders.legal.viewer))).not.toContain(draft.id);
    issueContract(commissioner, draft.id, { signingPercent: 30, sessionsPercent: 0 });
    expect(ids(contractsToIssue(commissioner))).not.toContain(draft.id);
    expect(ids(contractsToSign(bidders.legal.viewer))).toContain(draft.id);
    expect(ids(contractsToSign(bidders.psych.viewer))).not.toContain(draft.id);
    confirmContract(bidders.legal.viewer, draft.id);
    expect(ids(contractsToSign(bidders.legal.viewer))).not.toContain(draft.id);
  });
});
