import { complaintMachine, type ComplaintState } from './machine';
import { isOrgMember, type Standing } from '~/accounts/roles';
import { canTransition } from '~/lib/machine';
import { refusal, type Refusal } from '~/lib/permission';

// Who may review a contract's delivery and record or resolve complaints against it. Pure: the
// contract's evaluation page shows these answers, the commands enforce the same answers.

/** Contracts whose sessions count: signed, whether still running, completed or terminated. */
export const evaluatedContractStates = ['active', 'completed', 'terminated'] as const;

/**
 * The viewer's standing toward one contract: a member of its organization, and their roles on the
 * paying union (a reviewer judges; a reviewer or commissioner handles complaints; its staff read).
 */
export type ContractEvaluationStanding = {
  asOrganization: boolean;
  reader: boolean;
  reviewer: boolean;
  complaintHandler: 'reviewer' | 'commissioner' | null;
};

type Contract = { state: string };

function evaluable(contract: Contract): Refusal | null {
  return (evaluatedContractStates as readonly string[]).includes(contract.state)
    ? null
    : refusal('evaluation.errors.notEvaluable');
}

const conflictOfInterest = refusal('errors.conflictOfInterest', 403);

/** An organization's indicator breakdown is for the organization itself and for union staff. */
export function maySeeOrganizationEvaluations(viewer: Standing | null, organizationId: number) {
  return viewer !== null && (isOrgMember(viewer, organizationId) || viewer.roles.length > 0);
}

export function mayReadContractEvaluation(standing: ContractEvaluationStanding) {
  return standing.asOrganization || standing.reader;
}

/** A union reviewer judges a signed contract's delivery, never their own organization's. */
export function mayReviewContract(contract: Contract, standing: ContractEvaluationStanding): Refusal | null {
  if (!standing.reviewer) return 'forbidden';
  return standing.asOrganization ? conflictOfInterest : evaluable(contract);
}

export function mayRecordComplaint(contract: Contract, standing: ContractEvaluationStanding): Refusal | null {
  if (!standing.complaintHandler) return 'forbidden';
  return evaluable(contract);
}

/** Upholding and dismissing take the same transition rules; not by a member of the organization. */
export function mayResolveComplaint(
  complaint: { state: ComplaintState },
  standing: ContractEvaluationStanding,
): Refusal | null {
  if (!standing.complaintHandler) return 'forbidden';
  if (standing.asOrganization) return conflictOfInterest;
  const open = canTransition(complaintMachine, complaint.state, 'uphold', standing.complaintHandler);
  return open ? null : refusal('errors.illegalTransition');
}
