import type { OrgRole, UnionRole } from './roles';

/** The work queues on /me, in the order they are shown (decision 111). */
export const waitingKinds = [
  'reportsToAccept',
  'bidsToScore',
  'awardsToPropose',
  'questionsToAnswer',
  'objectionsToAnswer',
  'contractsToIssue',
  'milestonesToPay',
  'applicationsToReview',
  'evaluationsToScore',
  'exitReviewsDue',
  'commissionsToAnswer',
  'contractsToSign',
  'eventsToReport',
  'receiptsToConfirm',
] as const;
export type WaitingKind = (typeof waitingKinds)[number];

/**
 * One thing waiting on the viewer: it is in their queue exactly when the command would accept them
 * now. It waits on them in a role, for a union or for an organization; `since` orders each queue.
 */
export type Waiting = { kind: WaitingKind; id: number; title: string; since: Date; path: string } & (
  { unionId: number; role: UnionRole } | { organizationId: number; role: OrgRole }
);
