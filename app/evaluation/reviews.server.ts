import { eq } from 'drizzle-orm';
import { complaints } from '../../db/schema/evaluation';
import { contracts } from '../../db/schema/procurement';
import {
  contractComplaints,
  contractEvaluations,
  organizationEvaluations,
  recordContractEvaluation,
} from './evaluations.server';
import { organizationEvaluation } from './organization.server';
import { complaintMachine } from './machine';
import {
  mayReadContractEvaluation,
  mayRecordComplaint,
  mayResolveComplaint,
  mayReviewContract,
  maySeeOrganizationEvaluations,
  type ContractEvaluationStanding,
} from './permissions';
import { maxAdjustment } from './model';
import { forbidden, hasUnionRole, isOrgMember, notFound, type Viewer } from '~/accounts/auth.server';
import type { UnionRole } from '~/accounts/roles';
import { audit, pick } from '~/lib/audit.server';
import { now } from '~/lib/clock.server';
import { db, transaction } from '~/lib/db.server';
import { basisOfUnions, contractFigures, organizationBasis } from '~/delivery/figures.server';
import { UserError } from '~/lib/errors';
import { transition } from '~/lib/machine';
import { enforce, may } from '~/lib/permission';
import { requireOrganization } from '~/organizations/organizations.server';
import './audit-subjects.server';
import '~/procurement/audit-subjects.server';

const contractReaders: UnionRole[] = ['admin', 'commissioner', 'reviewer', 'finance', 'leadership'];

function findContract(contractId: number) {
  const contract = db.select().from(contracts).where(eq(contracts.id, contractId)).get();
  if (!contract) notFound();
  return contract;
}

function contractStanding(viewer: Viewer, contract: typeof contracts.$inferSelect): ContractEvaluationStanding {
  return {
    asOrganization: isOrgMember(viewer, contract.organizationId),
    reader: hasUnionRole(viewer, contract.unionId, contractReaders),
    reviewer: hasUnionRole(viewer, contract.unionId, ['reviewer']),
    complaintHandler: hasUnionRole(viewer, contract.unionId, ['reviewer'])
      ? 'reviewer'
      : hasUnionRole(viewer, contract.unionId, ['commissioner'])
        ? 'commissioner'
        : null,
  };
}

/** The contract's evaluations, seen by its organization and the paying union's staff. */
export function contractEvaluationView(viewer: Viewer, contractId: number) {
  const contract = findContract(contractId);
  const standing = contractStanding(viewer, contract);
  if (!mayReadContractEvaluation(standing)) forbidden();
  const organization = requireOrganization(contract.organizationId);
  return {
    contract: { id: contract.id, title: contract.title, state: contract.state, sessions: contract.sessions },
    organization: { id: organization.id, name: organization.name },
    history: contractEvaluations(contract.id),
    basis: basisOfUnions([contract.unionId]),
    pending: contractFigures(contract.id).pending,
    complaints: contractComplaints(contract.id).map((c) => ({
      ...c,
      canResolve: may(mayResolveComplaint(c, standing)),
    })),
    canReview: may(mayReviewContract(contract, standing)),
    canRecordComplaint: may(mayRecordComplaint(contract, standing)),
  };
}

/** An organization's evaluations: for its members, and for union staff weighing its track record. */
export function organizationEvaluationsView(viewer: Viewer, organizationId: number) {
  const organization = requireOrganization(organizationId);
  if (!maySeeOrganizationEvaluations(viewer, organizationId)) forbidden();
  return {
    organization: { id: organization.id, name: organization.name },
    live: organizationEvaluation(organizationId),
    basis: organizationBasis(organizationId),
    history: organizationEvaluations(organizationId),
  };
}

export type ReviewInput = { judgement?: number; adjustment: number; reason: string };

/**
 * A reviewer's judgement (0–100) and adjustment (± maxAdjustment points, with a reason) are
 * written as a new evaluation row; earlier rows stay as they were.
 */
export function reviewContract(viewer: Viewer, contractId: number, input: ReviewInput) {
  const contract = findContract(contractId);
  enforce(mayReviewContract(contract, contractStanding(viewer, contract)));
  const reason = input.reason.trim();
  if (!Number.isInteger(input.adjustment) || Math.abs(input.adjustment) > maxAdjustment)
    throw new UserError('evaluation.errors.adjustmentRange');
  if (input.adjustment !== 0 && !reason) throw new UserError('evaluation.errors.adjustmentReason');
  return transaction((tx) => {
    const row = recordContractEvaluation(tx, contractId, 'review', {
      judgement: input.judgement === undefined ? null : input.judgement / 100,
      adjustment: input.adjustment,
      reason: reason || null,
      by: viewer.id,
    });
    audit(tx, {
      actorId: viewer.id,
      action: 'evaluation.review',
      subjectType: 'contract',
      subjectId: contractId,
      data: { ...input },
      after: row ? { evaluationId: row.id, score: row.score, grade: row.grade } : undefined,
    });
    return row;
  });
}

export function recordComplaint(
  viewer: Viewer,
  contractId: number,
  input: { source: (typeof complaints.$inferInsert)['source']; summary: string },
) {
  const contract = findContract(contractId);
  enforce(mayRecordComplaint(contract, contractStanding(viewer, contract)));
  transaction((tx) => {
    const complaint = tx
      .insert(complaints)
      .values({ contractId, source: input.source, summary: input.summary, recordedBy: viewer.id })
      .returning()
      .get();
    audit(tx, {
      actorId: viewer.id,
      action: 'complaint.record',
      subjectType: 'complaint',
      subjectId: complaint.id,
      after: pick(complaint, ['state', 'contractId', 'source']),
    });
  });
}

/** Upholding a complaint counts it against the organization and re-evaluates the contract. */
export function resolveComplaint(
  viewer: Viewer,
  contractId: number,
  input: { complaintId: number; decision: 'uphold' | 'dismiss'; resolution: string },
) {
  const contract = findContract(contractId);
  const standing = contractStanding(viewer, contract);
  if (!standing.complaintHandler) forbidden();
  if (standing.asOrganization) throw new UserError('errors.conflictOfInterest', 403);
  const complaint = db.select().from(complaints).where(eq(complaints.id, input.complaintId)).get();
  if (!complaint || complaint.contractId !== contractId) throw new UserError('errors.notFound', 404);
  enforce(mayResolveComplaint(complaint, standing));
  const actor = standing.complaintHandler;
  transaction((tx) => {
    const state = transition(complaintMachine, complaint.state, input.decision, actor);
    tx.update(complaints)
      .set({ state, resolution: input.resolution, resolvedBy: viewer.id, resolvedAt: now() })
      .where(eq(complaints.id, complaint.id))
      .run();
    if (state === 'upheld') recordContractEvaluation(tx, contractId, 'complaint');
    audit(tx, {
      actorId: viewer.id,
      action: `complaint.${input.decision}`,
      subjectType: 'complaint',
      subjectId: complaint.id,
      before: { state: complaint.state },
      after: { state, resolution: input.resolution },
    });
  });
}
