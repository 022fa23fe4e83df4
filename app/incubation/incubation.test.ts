import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import {
  admitApplication,
  rejectApplication,
  savePlan,
  scoreApplication,
  startApplication,
  startReview,
  submitApplication,
} from './applications.server';
import { addAttachment, attachmentLimits, readAttachment, removeAttachment } from './application-attachments.server';
import { bookRoom, cancelBooking } from './bookings.server';
import { addDays, addMonths, shanghaiDate } from '~/lib/time';
import { addMentoringRecord, completeFollowUp } from './mentoring.server';
import { decideExitReview } from './residencies.server';
import { addUser, viewerFor } from '../../tests/fixtures/accounts';
import { incubatorFixture, organizationFixture, residencyFixture, tomorrowAt } from '../../tests/fixtures/incubation';
import type { Viewer } from '~/accounts/auth.server';
import { now } from '~/lib/clock.server';
import { databasePath, db } from '~/lib/db.server';
import { registerOrganization } from '~/organizations/organizations.server';
import { defaultWeights } from '~/procurement/machine';
import { submitBid } from '~/procurement/bids.server';
import { refusal } from '../../tests/support/refused';

const pdf = (size = 200) =>
  new File([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, ...new Array(size).fill(0x20)])], '章程.pdf');
const png = () => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])], '合影.png');

const profile = {
  name: '象山县暖心社工服务中心',
  type: 'social_service' as const,
  creditCode: '52330225MJ87163015',
  fields: ['counselling' as const],
  description: '',
  contactName: '王芳',
  contactPhone: '13800000000',
  contactEmail: 'warm@test.example',
  teamSize: 6,
  volunteers: 20,
};

describe('organization registration', () => {
  it('makes the registrant the owner and refuses a credit code another organization holds', async () => {
    const userId = addUser('王芳');
    const id = registerOrganization(await viewerFor(userId), profile);
    const membership = db
      .select()
      .from(s.organizationMembers)
      .where(eq(s.organizationMembers.organizationId, id))
      .get();
    expect(membership).toMatchObject({ userId, role: 'owner' });
    expect(
      await refusal(async () => registerOrganization(await viewerFor(addUser()), { ...profile, name: '别的组织' })),
    ).toBe('organizations.profile.errors.creditCodeTaken');
    expect(db.select().from(s.organizations).where(eq(s.organizations.name, '别的组织')).get()).toBeUndefined();
  });
});

describe('applying, reviewing and admitting', () => {
  let fx: ReturnType<typeof incubatorFixture>;
  let manager: Viewer;
  let reviewer: Viewer;

  beforeAll(async () => {
    fx = incubatorFixture();
    manager = await viewerFor(fx.managerId);
    reviewer = await viewerFor(fx.reviewerId);
  });

  it('runs from draft to residency, notifying each side, with the handbook’s rules applied', async () => {
    const { organizationId, ownerId } = organizationFixture();
    const owner = await viewerFor(ownerId);
    const id = startApplication(owner, fx.incubatorId, organizationId);
    expect(startApplication(owner, fx.incubatorId, organizationId)).toBe(id);

    expect(await refusal(() => submitApplication(owner, id))).toBe('incubation.errors.planRequired');
    savePlan(owner, id, '每月为快递员开展两次心理讲座。');
    await addAttachment(owner, id, pdf());
    submitApplication(owner, id);
    expect(await refusal(() => savePlan(owner, id, '改'))).toBe('incubation.errors.notEditable');
    const received = db.select().from(s.notifications).where(eq(s.notifications.userId, fx.managerId)).all();
    expect(received.map((n) => n.template)).toEqual(['application_received']);

    expect(
      await refusal(() =>
        scoreApplication(reviewer, id, {
          scores: { mission: 80, plan: 80, capacity: 80, governance: 80 },
          comment: '',
        }),
      ),
    ).toBe('incubation.errors.notUnderReview');
    expect(await refusal(() => startReview(reviewer, id))).toBe(403);
    startReview(manager, id);
    expect(await refusal(() => admitApplication(manager, id, ''))).toBe('incubation.errors.notScored');
    // 70×30% + 50×30% + 50×25% + 40×15% = 21 + 15 + 12.5 + 6 = 54.5, below the pass mark of 60.
    scoreApplication(reviewer, id, { scores: { mission: 70, plan: 50, capacity: 50, governance: 40 }, comment: '' });
    expect(await refusal(() => admitApplication(manager, id, ''))).toBe('incubation.errors.belowPassScore');
    // 90×30% + 80×30% + 70×25% + 60×15% = 27 + 24 + 17.5 + 9 = 77.5
    scoreApplication(reviewer, id, {
      scores: { mission: 90, plan: 80, capacity: 70, governance: 60 },
      comment: '计划可行',
    });
    expect(
      await refusal(() =>
        scoreApplication(manager, id, { scores: { mission: 1, plan: 1, capacity: 1, governance: 1 }, comment: '' }),
      ),
    ).toBe(403);

    const residencyId = admitApplication(manager, id, '');
    const residency = db.select().from(s.residencies).where(eq(s.residencies.id, residencyId)).get()!;
    const today = shanghaiDate(now());
    expect(residency).toMatchObject({
      state: 'active',
      startsOn: today,
      endsOn: addMonths(today, 24),
      applicationId: id,
    });
    const decided = db.select().from(s.notifications).where(eq(s.notifications.userId, ownerId)).all();
    expect(decided.map((n) => [n.template, (n.data as { decision: string }).decision])).toEqual([
      ['application_decided', 'admitted'],
    ]);
    expect(await refusal(() => startApplication(owner, fx.incubatorId, organizationId))).toBe(
      'incubation.errors.alreadyResident',
    );
  });

  it('refuses to submit for a team smaller than the handbook’s minimum', async () => {
    const { organizationId, ownerId } = organizationFixture({ teamSize: 1, volunteers: 1 });
    const owner = await viewerFor(ownerId);
    const id = startApplication(owner, fx.incubatorId, organizationId);
    savePlan(owner, id, '计划');
    expect(await refusal(() => submitApplication(owner, id))).toBe('incubation.errors.tooFewPeople');
  });

  it('rejects only with a reason, and tells the organization why', async () => {
    const { organizationId, ownerId } = organizationFixture();
    const owner = await viewerFor(ownerId);
    const id = startApplication(owner, fx.incubatorId, organizationId);
    savePlan(owner, id, '计划');
    submitApplication(owner, id);
    startReview(manager, id);
    expect(await refusal(() => rejectApplication(manager, id, '  '))).toBe('errors.reasonRequired');
    rejectApplication(manager, id, '服务对象与工会工作关联不足。');
    const notice = db
      .select()
      .from(s.notifications)
      .where(and(eq(s.notifications.userId, ownerId), eq(s.notifications.template, 'application_decided')))
      .get()!;
    expect(notice.data).toMatchObject({ decision: 'rejected', reason: '服务对象与工会工作关联不足。' });
  });

  it('does not let a reviewer score an application from their own organization', async () => {
    const { organizationId, ownerId } = organizationFixture();
    db.insert(s.organizationMembers).values({ organizationId, userId: fx.reviewerId, role: 'member' }).run();
    const owner = await viewerFor(ownerId);
    const id = startApplication(owner, fx.incubatorId, organizationId);
    savePlan(owner, id, '计划');
    submitApplication(owner, id);
    startReview(manager, id);
    const conflicted = await viewerFor(fx.reviewerId);
    expect(
      await refusal(() =>
        scoreApplication(conflicted, id, {
          scores: { mission: 100, plan: 100, capacity: 100, governance: 100 },
          comment: '',
        }),
      ),
    ).toBe('errors.conflictOfInterest');
  });
});

describe('attachments', () => {
  it('stores files outside public/, serves them only to the organization and the incubator staff', async () => {
    const fx = incubatorFixture();
    const { organizationId, ownerId } = organizationFixture();
    const owner = await viewerFor(ownerId);
    const id = startApplication(owner, fx.incubatorId, organizationId);

    expect(await refusal(() => addAttachment(owner, id, new File(['not really a pdf'], '章程.pdf')))).toBe(
      'incubation.errors.fileType',
    );
    expect(await refusal(() => addAttachment(owner, id, pdf(attachmentLimits.maxBytes)))).toBe(
      'incubation.errors.fileTooLarge',
    );
    expect(await refusal(() => addAttachment(owner, id, null))).toBe('incubation.errors.chooseFile');
    await addAttachment(owner, id, png());
    const [row] = db
      .select()
      .from(s.applicationAttachments)
      .where(eq(s.applicationAttachments.applicationId, id))
      .all();
    expect(row).toMatchObject({ fileName: '合影.png', contentType: 'image/png', byteSize: 11 });
    const stored = join(dirname(databasePath()), 'attachments', row!.storageKey);
    expect(existsSync(stored)).toBe(true);
    expect(stored).not.toContain('public');

    expect(readAttachment(owner, id, row!.id).contentType).toBe('image/png');
    expect(readAttachment(await viewerFor(fx.reviewerId), id, row!.id).bytes.length).toBe(11);
    const stranger = organizationFixture();
    expect(await refusal(async () => readAttachment(await viewerFor(stranger.ownerId), id, row!.id))).toBe(403);
    const otherUnion = incubatorFixture();
    expect(await refusal(async () => readAttachment(await viewerFor(otherUnion.managerId), id, row!.id))).toBe(403);
    expect(await refusal(async () => readAttachment(await viewerFor(fx.commissionerId), id, row!.id))).toBe(403);

    removeAttachment(owner, id, row!.id);
    expect(existsSync(stored)).toBe(false);
    expect(readdirSync(dirname(stored))).not.toContain(row!.storageKey);
  });
});

describe('bookings and leaving the incubator', () => {
  let fx: ReturnType<typeof incubatorFixture>;
  let owner: Viewer;
  let residencyId: number;
  let organizationId: number;

  beforeAll(async () => {
    fx = incubatorFixture();
    const org = organizationFixture();
    organizationId = org.organizationId;
    owner = await viewerFor(org.ownerId);
    residencyId = residencyFixture(fx.incubatorId, organizationId);
  });

  it('refuses an overlapping booking of the same room, and only that', async () => {
    const book = (hour: number, hours: number, roomId = fx.roomId) =>
      refusal(() => bookRoom(owner, residencyId, { roomId, ...tomorrowAt(hour, hours), purpose: '讲座' }));
    expect(await book(10, 2)).toBeNull(); // 10:00–12:00
    expect(await book(11, 2)).toBe('incubation.errors.roomTaken'); // 11:00–13:00
    expect(await book(9, 4)).toBe('incubation.errors.roomTaken'); // 09:00–13:00 contains it
    expect(await book(10, 1)).toBe('incubation.errors.roomTaken'); // inside it
    expect(await book(12, 1)).toBeNull(); // 12:00–13:00 starts as it ends
    expect(await book(10, 2, fx.otherRoomId)).toBeNull(); // another room
  });

  it('applies the handbook’s booking rules', async () => {
    const at = (startsAt: Date, endsAt: Date) =>
      refusal(() => bookRoom(owner, residencyId, { roomId: fx.otherRoomId, startsAt, endsAt, purpose: '' }));
    const { startsAt } = tomorrowAt(14);
    expect(await at(startsAt, startsAt)).toBe('incubation.errors.bookingSpan');
    expect(await at(new Date(now().getTime() - 3600_000), now())).toBe('incubation.errors.bookingPast');
    expect(await at(startsAt, new Date(startsAt.getTime() + 5 * 3600_000))).toBe('incubation.errors.bookingTooLong');
    const early = tomorrowAt(7, 2);
    expect(await at(early.startsAt, early.endsAt)).toBe('incubation.errors.bookingOutsideHours');
    const late = tomorrowAt(17, 2);
    expect(await at(late.startsAt, late.endsAt)).toBe('incubation.errors.bookingOutsideHours');
    const far = new Date(`${addDays(shanghaiDate(now()), 40)}T10:00:00+08:00`);
    expect(await at(far, new Date(far.getTime() + 3600_000))).toBe('incubation.errors.bookingTooFar');
    const stranger = organizationFixture();
    expect(
      await refusal(async () =>
        bookRoom(await viewerFor(stranger.ownerId), residencyId, { roomId: fx.roomId, ...tomorrowAt(15), purpose: '' }),
      ),
    ).toBe(403);
  });

  it('frees the slot when a booking is cancelled', async () => {
    const slot = { roomId: fx.roomId, ...tomorrowAt(15), purpose: '' };
    const id = bookRoom(owner, residencyId, slot);
    expect(await refusal(() => bookRoom(owner, residencyId, slot))).toBe('incubation.errors.roomTaken');
    cancelBooking(owner, id);
    expect(await refusal(() => bookRoom(owner, residencyId, slot))).toBeNull();
  });

  it('extends a term as often as the handbook allows', async () => {
    const manager = await viewerFor(fx.managerId);
    const before = db.select().from(s.residencies).where(eq(s.residencies.id, residencyId)).get()!;
    decideExitReview(manager, residencyId, { decision: 'extend', reason: '需要继续培育。' });
    const after = db.select().from(s.residencies).where(eq(s.residencies.id, residencyId)).get()!;
    expect(after).toMatchObject({ state: 'active', endsOn: addMonths(before.endsOn, 6) });
    expect(await refusal(() => decideExitReview(manager, residencyId, { decision: 'extend', reason: '再延' }))).toBe(
      'incubation.errors.noMoreExtensions',
    );
  });

  it('takes away resident-only privileges the moment an organization exits', async () => {
    const manager = await viewerFor(fx.managerId);
    addMentoringRecord(manager, residencyId, {
      heldOn: shanghaiDate(now()),
      mentor: '李老师',
      topic: '财务制度',
      followUps: '建立台账',
    });
    const record = db.select().from(s.mentoringRecords).where(eq(s.mentoringRecords.residencyId, residencyId)).get()!;
    expect(await refusal(() => completeFollowUp(owner, residencyId, record.id))).toBe(403);
    completeFollowUp(manager, residencyId, record.id);
    expect(await refusal(() => completeFollowUp(manager, residencyId, record.id))).toBe('errors.illegalTransition');

    const tender = db
      .insert(s.tenders)
      .values({
        unionId: fx.unionId,
        createdBy: fx.commissionerId,
        title: '仅限入驻组织的心理服务项目',
        category: 'counselling',
        sessions: 4,
        budgetFen: 2_000_000,
        eligibility: 'residents',
        weights: defaultWeights,
        deadlineAt: new Date(now().getTime() + 7 * 24 * 3600_000),
        state: 'published',
      })
      .returning()
      .get();
    const bid = { priceFen: 1_500_000, plan: '四场讲座', team: '' };
    expect(await refusal(() => submitBid(owner, tender.id, organizationId, bid))).toBeNull();

    decideExitReview(manager, residencyId, { decision: 'exit', reason: '以基地名义从事与宗旨不符的活动。' });

    const future = db.select().from(s.roomBookings).where(eq(s.roomBookings.organizationId, organizationId)).all();
    expect(future.length).toBeGreaterThan(0);
    expect(future.every((b) => b.state === 'cancelled')).toBe(true);
    expect(
      await refusal(() => bookRoom(owner, residencyId, { roomId: fx.roomId, ...tomorrowAt(16), purpose: '' })),
    ).toBe('incubation.errors.notResident');
    expect(await refusal(() => submitBid(owner, tender.id, organizationId, bid))).toBe('errors.notEligible');
    const notice = db
      .select()
      .from(s.notifications)
      .where(and(eq(s.notifications.template, 'exit_review_decided'), eq(s.notifications.userId, owner.id)))
      .all()
      .at(-1)!;
    expect(notice.data).toMatchObject({ decision: 'exit' });
  });
});
