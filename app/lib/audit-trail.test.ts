// Every kind of state change the audit trail must hold for an inspector to trust it, driven through the real
// capabilities: a tender's whole life, its bids (never their content), scores, award, contract,
// payment, evaluation, and role and membership changes.
import { and, asc, desc, eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, contracts, invitations, milestones, notifications } from '../../db/schema';
import { verifyAuditChain } from './audit.server';
import { db, sqlite } from './db.server';
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
import { recordComplaint, resolveComplaint } from '~/evaluation/reviews.server';
import {
  acceptInvitation,
  inviteToOrganization,
  inviteToUnion,
  resendInvitation,
  withdrawInvitation,
} from '~/invitations/invitations.server';
import { runClock } from '~/jobs/ticks.server';
import { recordBankTransfer } from '~/payments/bank-transfers.server';
import { approveMilestone, confirmReceipt } from '~/payments/milestones.server';
import { answerObjection, fileObjection, proposeAward } from '~/procurement/award.server';
import { openBids, submitBid, withdrawBid } from '~/procurement/bids.server';
import { confirmContract, issueContract } from '~/procurement/contracts.server';
import { declareConflicts, scoreBid } from '~/procurement/evaluation.server';
import { cancelTender, createTender, requireTender, updateTender } from '~/procurement/tenders.server';

let commissioner: Viewer;
let finance: Viewer;
let platform: Viewer;
let legal: Viewer;
let psych: Viewer;
let legalOrg: { id: number };
let psychOrg: { id: number };

beforeAll(async () => {
  await seedCounty();
  commissioner = await viewerFor('commissioner@demo.gonghui.cn');
  finance = await viewerFor('finance@demo.gonghui.cn');
  platform = await viewerFor('platform@demo.gonghui.cn');
  legal = await viewerFor('legal@demo.gonghui.cn');
  psych = await viewerFor('psych@demo.gonghui.cn');
  legalOrg = organizationOf('legal@demo.gonghui.cn');
  psychOrg = organizationOf('psych@demo.gonghui.cn');
});
afterEach(resetClock);

const rowsFor = (subjectType: string, subjectId: number) =>
  db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectType, subjectType), eq(auditLog.subjectId, subjectId)))
    .orderBy(asc(auditLog.id))
    .all();

const row = (subjectType: string, subjectId: number, action: string) => {
  const found = rowsFor(subjectType, subjectId).find((r) => r.action === action);
  if (!found) throw new Error(`no audit row ${action} for ${subjectType} ${subjectId}`);
  return found;
};

const invitationTo = (email: string, role: string) =>
  db
    .select()
    .from(invitations)
    .where(and(eq(invitations.email, email), eq(invitations.role, role)))
    .get()!;

/** The link of the newest email to `email`: an invitation's token. */
const latestToken = (email: string) => {
  const mail = db
    .select()
    .from(notifications)
    .where(eq(notifications.toEmail, email))
    .orderBy(desc(notifications.id))
    .get()!;
  return (mail.data as { path: string }).path.split('/').pop()!;
};

const score = (bidId: number) => ({
  bidId,
  plan: 80,
  team: 70,
  track_record: 60,
  plan_comment: '',
  team_comment: '',
  track_record_comment: '',
});

const pdf = () => new File([Buffer.from('%PDF-1.7\n% 回单\n')], '回单.pdf', { type: 'application/pdf' });

describe('the audit trail', () => {
  it("records a tender's life, its bids, scores, award, contract and payment with before and after", async () => {
    const tenderId = createTender(
      commissioner,
      tenderInput({ deadline: hoursFromNow(2), objectionDays: 1, budget: 5_000_000 }),
    );
    const unionId = requireTender(tenderId).unionId;
    expect(row('tender', tenderId, 'tender.publish')).toMatchObject({
      actorId: commissioner.id,
      unionId,
      before: { state: 'draft' },
      after: { state: 'published' },
    });
    submitBid(legal, tenderId, legalOrg.id, { priceFen: 4_123_400, plan: '秘密方案甲', team: '秘密团队甲' });
    submitBid(psych, tenderId, psychOrg.id, { priceFen: 4_567_800, plan: '秘密方案乙', team: '秘密团队乙' });
    advanceHours(3);
    runClock();
    expect(row('tender', tenderId, 'tender.closed')).toMatchObject({
      actorId: null,
      before: { state: 'published' },
      after: { state: 'closed' },
    });
    declareConflicts(commissioner, tenderId, []);
    expect(row('tender', tenderId, 'tender.startEvaluation')).toMatchObject({
      before: { state: 'closed' },
      after: { state: 'evaluating' },
    });
    const opened = openBids(commissioner, requireTender(tenderId));
    const legalBid = opened.find((b) => b.organizationId === legalOrg.id);
    const psychBid = opened.find((b) => b.organizationId === psychOrg.id);
    scoreBid(commissioner, tenderId, score(legalBid!.id));
    scoreBid(commissioner, tenderId, { ...score(legalBid!.id), plan: 90 });
    scoreBid(commissioner, tenderId, { ...score(psychBid!.id), plan: 10, team: 10, track_record: 10 });
    const rescored = rowsFor('bid', legalBid!.id).filter((r) => r.action === 'bid.score');
    expect(rescored.map((r) => [r.before, r.after])).toEqual([
      [null, { plan: 80, team: 70, track_record: 60 }],
      [
        { plan: 80, team: 70, track_record: 60 },
        { plan: 90, team: 70, track_record: 60 },
      ],
    ]);

    proposeAward(commissioner, tenderId, legalBid!.id);
    expect(row('tender', tenderId, 'tender.proposeAward')).toMatchObject({
      before: { state: 'evaluating' },
      after: { state: 'award_proposed', awardedBidId: legalBid!.id },
    });
    fileObjection(psych, tenderId, psychOrg.id, '评分不公');
    const objectionRow = db.select().from(auditLog).where(eq(auditLog.action, 'objection.file')).get()!;
    expect(objectionRow).toMatchObject({ unionId, after: { state: 'filed' } });
    answerObjection(commissioner, objectionRow.subjectId, { decision: 'dismiss', answer: '评分有据' });
    expect(row('objection', objectionRow.subjectId, 'objection.dismiss')).toMatchObject({
      before: { state: 'filed' },
      after: { state: 'dismissed' },
    });
    advanceHours(25);
    runClock();
    expect(row('tender', tenderId, 'tender.awarded')).toMatchObject({
      before: { state: 'award_proposed' },
      after: { state: 'awarded' },
    });

    const contract = db.select().from(contracts).where(eq(contracts.tenderId, tenderId)).get()!;
    expect(row('contract', contract.id, 'contract.draft')).toMatchObject({ unionId, after: { state: 'draft' } });
    issueContract(commissioner, contract.id, { signingPercent: 30, sessionsPercent: 0 });
    expect(row('contract', contract.id, 'contract.issue')).toMatchObject({
      actorId: commissioner.id,
      before: { state: 'draft' },
      after: { state: 'pending' },
    });
    confirmContract(legal, contract.id);
    expect(row('contract', contract.id, 'contract.confirm')).toMatchObject({
      actorId: legal.id,
      before: { state: 'pending' },
      after: { state: 'active' },
    });
    expect(row('tender', tenderId, 'tender.contracted')).toMatchObject({
      before: { state: 'awarded' },
      after: { state: 'contracted' },
    });

    const signing = db.select().from(milestones).where(eq(milestones.contractId, contract.id)).all()[0]!;
    expect(row('milestone', signing.id, 'milestone.due')).toMatchObject({ unionId, after: { state: 'due' } });
    approveMilestone(finance, signing.id);
    expect(row('milestone', signing.id, 'milestone.approve')).toMatchObject({
      actorId: finance.id,
      before: { state: 'due' },
      after: { state: 'approved' },
    });
    const paymentId = await recordBankTransfer(finance, signing.id, {
      paidOn: '2026-03-02',
      amountFen: signing.amountFen,
      reference: 'ICBC-1',
      voucher: pdf(),
    });
    expect(row('payment', paymentId, 'payment.record')).toMatchObject({
      unionId,
      after: { method: 'bank_transfer', amountFen: signing.amountFen },
    });
    expect(row('milestone', signing.id, 'milestone.paid')).toMatchObject({
      before: { state: 'approved' },
      after: { state: 'paid', paymentId },
    });
    confirmReceipt(legal, signing.id);
    expect(row('milestone', signing.id, 'milestone.confirm')).toMatchObject({
      before: { state: 'paid' },
      after: { state: 'confirmed' },
    });

    recordComplaint(commissioner, contract.id, { source: 'worker', summary: '活动取消未通知' });
    const complaint = db.select().from(auditLog).where(eq(auditLog.action, 'complaint.record')).get()!;
    resolveComplaint(commissioner, contract.id, {
      complaintId: complaint.subjectId,
      decision: 'uphold',
      resolution: '属实',
    });
    expect(row('complaint', complaint.subjectId, 'complaint.uphold')).toMatchObject({
      before: { state: 'open' },
      after: { state: 'upheld' },
    });

    // Sealed bids: their rows carry state and ids, and none of what was offered.
    for (const bid of [legalBid!, psychBid!]) {
      const rows = rowsFor('bid', bid.id);
      expect(rows.map((r) => r.action)).toContain('bid.submit');
      expect(row('bid', bid.id, 'bid.submit')).toMatchObject({ unionId, after: { state: 'submitted' } });
      const written = JSON.stringify(rows);
      for (const secret of ['4123400', '4567800', '秘密方案', '秘密团队', 'priceFen', '"plan":"'])
        expect(written).not.toContain(secret);
    }
    expect(verifyAuditChain(sqlite)).toMatchObject({ ok: true });
  });

  it('records an amended tender, a withdrawn bid and a cancelled tender', () => {
    const tenderId = createTender(commissioner, tenderInput());
    updateTender(commissioner, tenderId, {
      ...tenderInput({ deadline: hoursFromNow(48) }),
      title: '改过的标题',
      rationale: '更正',
    });
    const amend = row('tender', tenderId, 'tender.amend');
    expect(amend.before).toMatchObject({ title: expect.not.stringMatching('改过的标题') });
    expect(amend.after).toMatchObject({ title: '改过的标题' });

    submitBid(legal, tenderId, legalOrg.id, { priceFen: 1_000_000, plan: '方案', team: '' });
    withdrawBid(legal, tenderId, legalOrg.id);
    const withdrawn = db.select().from(auditLog).where(eq(auditLog.action, 'bid.withdraw')).all().at(-1)!;
    expect(withdrawn).toMatchObject({ before: { state: 'submitted' }, after: { state: 'withdrawn', tenderId } });
    cancelTender(commissioner, tenderId, '需求变更');
    expect(row('tender', tenderId, 'tender.cancel')).toMatchObject({
      before: { state: 'published' },
      after: { state: 'cancelled', cancelReason: '需求变更' },
    });
  });

  it('records invitations to staff roles and organizations: created, resent, withdrawn and accepted', async () => {
    const unionId = requireTender(createTender(commissioner, tenderInput())).unionId;
    inviteToUnion(platform, unionId, { email: 'psych@demo.gonghui.cn', role: 'reviewer' });
    const staffInvitation = invitationTo('psych@demo.gonghui.cn', 'reviewer');
    expect(row('invitation', staffInvitation.id, 'invitation.create')).toMatchObject({
      actorId: platform.id,
      unionId,
      data: { email: 'psych@demo.gonghui.cn', role: 'reviewer' },
      after: { state: 'pending' },
    });
    resendInvitation(platform, { unionId }, staffInvitation.id);
    expect(row('invitation', staffInvitation.id, 'invitation.resend')).toMatchObject({ actorId: platform.id, unionId });
    acceptInvitation(psych, latestToken('psych@demo.gonghui.cn'));
    expect(row('invitation', staffInvitation.id, 'invitation.accept')).toMatchObject({
      actorId: psych.id,
      unionId,
      before: { userId: psych.id, role: null },
      after: { userId: psych.id, role: 'reviewer' },
    });

    inviteToOrganization(legal, legalOrg.id, 'new-member@example.cn');
    const membership = invitationTo('new-member@example.cn', 'member');
    withdrawInvitation(legal, { organizationId: legalOrg.id }, membership.id);
    expect(row('invitation', membership.id, 'invitation.withdraw')).toMatchObject({
      actorId: legal.id,
      unionId: null,
      before: { state: 'pending' },
      after: { state: 'withdrawn' },
    });
    expect(verifyAuditChain(sqlite)).toMatchObject({ ok: true });
  });
});
