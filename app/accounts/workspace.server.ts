import type { Viewer } from './auth.server';
import { waitingKinds, type Waiting } from './waiting';
import { commissionsToAnswer } from '~/catalog/queues.server';
import { eventsToReport, reportsToAccept } from '~/delivery/queues.server';
import { applicationsToReview, evaluationsToScore, exitReviewsDue } from '~/incubation/queues.server';
import { milestonesToPay, receiptsToConfirm } from '~/payments/queues.server';
import {
  awardsToPropose,
  bidsToScore,
  contractsToIssue,
  contractsToSign,
  objectionsToAnswer,
  questionsToAnswer,
} from '~/procurement/queues.server';

/**
 * Everything waiting on the viewer, each capability's queue computed with its own permission rule
 * (decision 111). Only people who work in the product (a union role or an organization) have queues.
 */
export function waitingOn(viewer: Viewer): Waiting[] {
  if (!viewer.roles.length && !viewer.memberships.length) return [];
  return [
    ...reportsToAccept(viewer),
    ...bidsToScore(viewer),
    ...awardsToPropose(viewer),
    ...questionsToAnswer(viewer),
    ...objectionsToAnswer(viewer),
    ...contractsToIssue(viewer),
    ...milestonesToPay(viewer),
    ...applicationsToReview(viewer),
    ...evaluationsToScore(viewer),
    ...exitReviewsDue(viewer),
    ...commissionsToAnswer(viewer),
    ...contractsToSign(viewer),
    ...eventsToReport(viewer),
    ...receiptsToConfirm(viewer),
  ];
}

export type WaitingGroup = {
  scope: 'union' | 'organization';
  scopeId: number;
  role: Waiting['role'];
  queues: { kind: Waiting['kind']; items: Waiting[] }[];
};

/** The queues on /me, by union or organization and the role the work waits on, each oldest first. */
export function workQueues(viewer: Viewer): WaitingGroup[] {
  const groups = new Map<string, WaitingGroup>();
  for (const item of waitingOn(viewer)) {
    const [scope, scopeId] =
      'unionId' in item ? (['union', item.unionId] as const) : (['organization', item.organizationId] as const);
    const key = `${scope}:${scopeId}:${item.role}`;
    const group = groups.get(key) ?? { scope, scopeId, role: item.role, queues: [] };
    groups.set(key, group);
    const queue = group.queues.find((q) => q.kind === item.kind);
    if (queue) queue.items.push(item);
    else group.queues.push({ kind: item.kind, items: [item] });
  }
  return [...groups.values()].map((group) => ({
    ...group,
    queues: group.queues.sort((a, b) => waitingKinds.indexOf(a.kind) - waitingKinds.indexOf(b.kind)),
  }));
}
