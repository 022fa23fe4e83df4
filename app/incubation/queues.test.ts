import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import * as s from '../../db/schema';
import { rejectApplication, scoreApplication, startReview } from './applications.server';
import { applicationsToReview, evaluationsToScore, exitReviewsDue } from './queues.server';
import { decideExitReview, remindExitReviewsDue } from './residencies.server';
import { openEvaluation, scoreEvaluation } from './residency-evaluations.server';
import { addUser, viewerFor } from '../../tests/fixtures/accounts';
import { incubatorFixture, organizationFixture, residencyFixture } from '../../tests/fixtures/incubation';
import type { Waiting } from '~/accounts/waiting';
import { runClock } from '~/jobs/ticks.server';
import { now } from '~/lib/clock.server';
import { db } from '~/lib/db.server';
import { addDays, shanghaiDate } from '~/lib/time';

const ids = (queue: Waiting[]) => queue.map((item) => item.id);
/** Who was told of this record, by this notification. */
const told = (template: 'evaluation_opened' | 'exit_review_due', path: string) =>
  db
    .select({ userId: s.notifications.userId, data: s.notifications.data })
    .from(s.notifications)
    .where(eq(s.notifications.template, template))
    .all()
    .filter((n) => n.data.path === path)
    .map((n) => n.userId);

const submitted = (incubatorId: number, organizationId: number, minutesAgo: number) =>
  db
    .insert(s.incubationApplications)
    .values({
      incubatorId,
      organizationId,
      plan: '每月为快递员开展两次心理讲座。',
      state: 'submitted',
      submittedAt: new Date(now().getTime() - minutesAgo * 60_000),
    })
    .returning()
    .get().id;

it('lists submitted applications for the manager, oldest first; under review, for each reviewer until they have scored', async () => {
  const fx = incubatorFixture();
  const manager = await viewerFor(fx.managerId);
  const reviewer = await viewerFor(fx.reviewerId);
  const commissioner = await viewerFor(fx.commissionerId);
  const other = incubatorFixture();
  const applicant = organizationFixture();
  const newer = submitted(fx.incubatorId, applicant.organizationId, 10);
  const older = submitted(fx.incubatorId, organizationFixture().organizationId, 60);
  const elsewhere = submitted(other.incubatorId, organizationFixture().organizationId, 90);

  expect(applicationsToReview(manager).map((a) => a.id)).toEqual([older, newer]);
  expect(applicationsToReview(manager)[0]).toMatchObject({ unionId: fx.unionId, role: 'incubator_manager' });
  expect(applicationsToReview(reviewer)).toEqual([]); // nothing to score before the review starts
  expect(applicationsToReview(commissioner)).toEqual([]);
  expect(applicationsToReview(await viewerFor(applicant.ownerId))).toEqual([]);
  expect(applicationsToReview(await viewerFor(other.managerId)).map((a) => a.id)).toEqual([elsewhere]);

  startReview(manager, newer);
  expect(applicationsToReview(manager).map((a) => a.id)).toEqual([older, newer]); // now to decide
  expect(applicationsToReview(reviewer).map((a) => [a.id, a.role])).toEqual([[newer, 'reviewer']]);
  scoreApplication(reviewer, newer, { scores: { mission: 80, plan: 80, capacity: 80, governance: 80 }, comment: '' });
  expect(applicationsToReview(reviewer)).toEqual([]);
  rejectApplication(manager, newer, '服务方向与基地不符。');
  expect(applicationsToReview(manager).map((a) => a.id)).toEqual([older]);
});

it('an opened evaluation waits on the union’s reviewers, who are told, until each has scored it; never on a reviewer of the resident itself', async () => {
  const fx = incubatorFixture();
  const resident = organizationFixture();
  const residencyId = residencyFixture(fx.incubatorId, resident.organizationId);
  // A second reviewer who belongs to the resident: in conflict, neither told nor queued.
  const conflicted = addUser('评审员（本组织成员）');
  db.insert(s.staffRoles).values({ unionId: fx.unionId, userId: conflicted, role: 'reviewer' }).run();
  db.insert(s.organizationMembers)
    .values({ organizationId: resident.organizationId, userId: conflicted, role: 'member' })
    .run();
  const manager = await viewerFor(fx.managerId);
  const reviewer = await viewerFor(fx.reviewerId);
  const today = shanghaiDate(now());
  expect(evaluationsToScore(reviewer)).toEqual([]);

  const evaluationId = openEvaluation(manager, residencyId, { start: addDays(today, -180), end: today });
  const path = `/residencies/${residencyId}/evaluations/${evaluationId}`;
  expect(evaluationsToScore(reviewer)).toMatchObject([
    { kind: 'evaluationsToScore', id: evaluationId, path, unionId: fx.unionId, role: 'reviewer' },
  ]);
  expect(told('evaluation_opened', path)).toEqual([fx.reviewerId]);
  expect(evaluationsToScore(await viewerFor(conflicted))).toEqual([]);
  expect(evaluationsToScore(manager)).toEqual([]);
  expect(evaluationsToScore(await viewerFor(fx.commissionerId))).toEqual([]);
  expect(evaluationsToScore(await viewerFor(incubatorFixture().reviewerId))).toEqual([]);

  scoreEvaluation(reviewer, residencyId, evaluationId, { scores: { governance: 80, growth: 70 }, comment: '' });
  expect(evaluationsToScore(reviewer)).toEqual([]);
});

it('an exit review waits on the incubator manager from 60 days before the term ends until it is decided', async () => {
  const fx = incubatorFixture();
  const manager = await viewerFor(fx.managerId);
  const today = shanghaiDate(now());
  const endingIn = (days: number) => {
    const residencyId = residencyFixture(fx.incubatorId, organizationFixture().organizationId);
    db.update(s.residencies)
      .set({ endsOn: addDays(today, days) })
      .where(eq(s.residencies.id, residencyId))
      .run();
    return residencyId;
  };
  const ended = endingIn(-3);
  const ending = endingIn(30);
  const later = endingIn(61);

  expect(ids(exitReviewsDue(manager))).toEqual([ended, ending]);
  expect(exitReviewsDue(manager)[1]).toMatchObject({
    kind: 'exitReviewsDue',
    unionId: fx.unionId,
    role: 'incubator_manager',
  });
  expect(ids(exitReviewsDue(manager))).not.toContain(later);
  for (const other of [fx.reviewerId, fx.commissionerId, incubatorFixture().managerId])
    expect(exitReviewsDue(await viewerFor(other))).toEqual([]);

  // Extended by six months: due again only near the new end. Graduated or exited: no longer a resident.
  decideExitReview(manager, ending, { decision: 'extend', reason: '仍需跟踪指导。' });
  decideExitReview(manager, ended, { decision: 'exit', reason: '未按期开展服务。' });
  expect(exitReviewsDue(manager)).toEqual([]);
});

it('tells the incubator manager once when an exit review falls due, and again when an extended term nears its end', async () => {
  const fx = incubatorFixture();
  const manager = await viewerFor(fx.managerId);
  const today = shanghaiDate(now());
  const residencyId = residencyFixture(fx.incubatorId, organizationFixture().organizationId);
  const path = `/residencies/${residencyId}`;
  const endingIn = (days: number) =>
    db
      .update(s.residencies)
      .set({ endsOn: addDays(today, days) })
      .where(eq(s.residencies.id, residencyId))
      .run();

  endingIn(61);
  remindExitReviewsDue();
  expect(told('exit_review_due', path)).toEqual([]);

  endingIn(60); // the day it enters the queue: the clock's ticks tell the manager once
  runClock();
  runClock();
  expect(told('exit_review_due', path)).toEqual([fx.managerId]);
  expect(ids(exitReviewsDue(manager))).toContain(residencyId);

  // Extended: nothing until the new end is near, then once more.
  decideExitReview(manager, residencyId, { decision: 'extend', reason: '仍需跟踪指导。' });
  remindExitReviewsDue();
  expect(told('exit_review_due', path)).toEqual([fx.managerId]);
  endingIn(10);
  remindExitReviewsDue();
  remindExitReviewsDue();
  expect(told('exit_review_due', path)).toEqual([fx.managerId, fx.managerId]);

  // A union with no incubator manager yet holds up nobody else's reminder, and is told once it has one.
  const unmanaged = incubatorFixture();
  db.delete(s.staffRoles).where(eq(s.staffRoles.userId, unmanaged.managerId)).run();
  const dueOn = (incubatorId: number, endsOn: string) => {
    const id = residencyFixture(incubatorId, organizationFixture().organizationId);
    db.update(s.residencies).set({ endsOn }).where(eq(s.residencies.id, id)).run();
    return `/residencies/${id}`;
  };
  const waiting = dueOn(unmanaged.incubatorId, addDays(today, -1));
  const next = dueOn(fx.incubatorId, today);
  remindExitReviewsDue(1);
  expect([told('exit_review_due', waiting), told('exit_review_due', next)]).toEqual([[], [fx.managerId]]);
  db.insert(s.staffRoles)
    .values({ unionId: unmanaged.unionId, userId: unmanaged.managerId, role: 'incubator_manager' })
    .run();
  remindExitReviewsDue(1);
  expect(told('exit_review_due', waiting)).toEqual([unmanaged.managerId]);
});
