import { and, desc, eq, isNull } from 'drizzle-orm';
import { mentoringRecords } from '../../db/schema/incubation';
import { managerRoles, requireIncubatorStaff } from './incubators.server';
import { requireResidency, requireVisibleResidency } from './residencies.server';
import { mayManageResidency } from './permissions';
import { forbidden, type Viewer } from '~/accounts/auth.server';
import { audit } from '~/lib/audit.server';
import { now } from '~/lib/clock.server';
import { db, transaction } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import './audit-subjects.server';
import { enforce } from '~/lib/permission';

export type MentoringInput = { heldOn: string; mentor: string; topic: string; followUps: string };

/** Consulting and follow-up guidance (专业咨询、跟踪指导) given to a resident, logged by the manager. */
export function addMentoringRecord(viewer: Viewer, residencyId: number, input: MentoringInput) {
  const { standing } = requireVisibleResidency(viewer, residencyId);
  if (!standing.manager) forbidden();
  return transaction((tx) => {
    enforce(mayManageResidency(requireResidency(tx, residencyId), standing));
    const record = tx
      .insert(mentoringRecords)
      .values({
        residencyId,
        heldOn: input.heldOn,
        mentor: input.mentor,
        topic: input.topic,
        followUps: input.followUps,
        createdBy: viewer.id,
      })
      .returning()
      .get();
    audit(tx, { actorId: viewer.id, action: 'mentoring.add', subjectType: 'mentoring', subjectId: record.id });
    return record.id;
  });
}

export function completeFollowUp(viewer: Viewer, residencyId: number, recordId: number) {
  const { incubator } = requireVisibleResidency(viewer, residencyId);
  requireIncubatorStaff(viewer, incubator, managerRoles);
  transaction((tx) => {
    const done = tx
      .update(mentoringRecords)
      .set({ followUpDoneAt: now() })
      .where(
        and(
          eq(mentoringRecords.id, recordId),
          eq(mentoringRecords.residencyId, residencyId),
          isNull(mentoringRecords.followUpDoneAt),
        ),
      )
      .returning()
      .get();
    if (!done) throw new UserError('errors.illegalTransition', 409);
    audit(tx, { actorId: viewer.id, action: 'mentoring.followUpDone', subjectType: 'mentoring', subjectId: recordId });
  });
}

export function mentoringRecordsOf(residencyId: number) {
  return db
    .select()
    .from(mentoringRecords)
    .where(eq(mentoringRecords.residencyId, residencyId))
    .orderBy(desc(mentoringRecords.heldOn), desc(mentoringRecords.id))
    .all();
}
