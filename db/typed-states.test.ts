import { describe, expectTypeOf, it } from 'vitest';
import type * as s from './schema';
import type { CommissionState, OfferingState } from '~/catalog/machine';
import type { ReviewDecision } from '~/delivery/attendance.server';
import type { AttendanceStandard } from '~/delivery/figures.server';
import type { EventState } from '~/delivery/machine';
import type { ComplaintState } from '~/evaluation/machine';
import type { Grade, PassingGrade } from '~/evaluation/grades';
import type { ApplicationState, BookingState, ResidencyEvaluationState, ResidencyState } from '~/incubation/machine';
import type { StoredInvitationState } from '~/invitations/machine';
import type { EmailState } from '~/notifications/email-states';
import type { organizationStatuses } from '~/organizations/types';
import type { MilestoneState, PaymentReason, PaymentState } from '~/payments/machine';
import type { BidState, ContractState, ObjectionState, TenderState } from '~/procurement/machine';

type Row<T extends { $inferSelect: object }> = T['$inferSelect'];

// Checked by `tsc` (npm run typecheck): a state column typed as plain string fails here.
describe('state columns carry their machine’s states', () => {
  it('types each lifecycle column with its machine', () => {
    expectTypeOf<Row<typeof s.tenders>['state']>().toEqualTypeOf<TenderState>();
    expectTypeOf<Row<typeof s.bids>['state']>().toEqualTypeOf<BidState>();
    expectTypeOf<Row<typeof s.objections>['state']>().toEqualTypeOf<ObjectionState>();
    expectTypeOf<Row<typeof s.contracts>['state']>().toEqualTypeOf<ContractState>();
    expectTypeOf<Row<typeof s.milestones>['state']>().toEqualTypeOf<MilestoneState>();
    expectTypeOf<Row<typeof s.payments>['state']>().toEqualTypeOf<PaymentState>();
    expectTypeOf<Row<typeof s.events>['state']>().toEqualTypeOf<EventState>();
    expectTypeOf<Row<typeof s.offerings>['state']>().toEqualTypeOf<OfferingState>();
    expectTypeOf<Row<typeof s.commissions>['state']>().toEqualTypeOf<CommissionState>();
    expectTypeOf<Row<typeof s.incubationApplications>['state']>().toEqualTypeOf<ApplicationState>();
    expectTypeOf<Row<typeof s.residencies>['state']>().toEqualTypeOf<ResidencyState>();
    expectTypeOf<Row<typeof s.roomBookings>['state']>().toEqualTypeOf<BookingState>();
    expectTypeOf<Row<typeof s.residencyEvaluations>['state']>().toEqualTypeOf<ResidencyEvaluationState>();
    expectTypeOf<Row<typeof s.complaints>['state']>().toEqualTypeOf<ComplaintState>();
    expectTypeOf<Row<typeof s.invitations>['state']>().toEqualTypeOf<StoredInvitationState>();
  });

  it('types the other value lists', () => {
    expectTypeOf<Row<typeof s.evaluations>['grade']>().toEqualTypeOf<Grade>();
    expectTypeOf<Row<typeof s.residencyEvaluations>['grade']>().toEqualTypeOf<Grade | null>();
    expectTypeOf<Row<typeof s.tenders>['minGrade']>().toEqualTypeOf<PassingGrade | null>();
    expectTypeOf<Row<typeof s.payments>['reason']>().toEqualTypeOf<PaymentReason | null>();
    expectTypeOf<Row<typeof s.notifications>['emailState']>().toEqualTypeOf<EmailState>();
    expectTypeOf<Row<typeof s.organizations>['status']>().toEqualTypeOf<(typeof organizationStatuses)[number]>();
    expectTypeOf<Row<typeof s.unions>['attendanceStandard']>().toEqualTypeOf<AttendanceStandard>();
    expectTypeOf<Row<typeof s.checkins>['review']>().toEqualTypeOf<ReviewDecision | null>();
    expectTypeOf<Row<typeof s.events>['attendanceReview']>().toEqualTypeOf<ReviewDecision | null>();
  });
});
