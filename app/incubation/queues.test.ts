import { expect, it } from 'vitest';
import * as s from '../../db/schema';
import { rejectApplication, scoreApplication, startReview } from './applications.server';
import { applicationsToReview } from './queues.server';
import { viewerFor } from '../../tests/fixtures/accounts';
import { incubatorFixture, organizationFixture } from '../../tests/fixtures/incubation';
import { now } from '~/lib/clock.server';
import { db } from '~/lib/db.server';

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
