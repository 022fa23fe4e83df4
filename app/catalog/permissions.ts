import { commissionMachine, offeringMachine, type CommissionState, type OfferingState } from './machine';
import { isOrgMember, type Standing } from '~/accounts/roles';
import { canTransition } from '~/lib/machine';
import { refusal, type Refusal } from '~/lib/permission';

// Who may see and change an offering, and when it may be commissioned. Pure: the offering pages
// show these answers, the commands enforce the same answers.

export type OfferingTransition = keyof typeof offeringMachine.transitions;
const transitionNames = Object.keys(offeringMachine.transitions) as OfferingTransition[];

type Offering = { state: OfferingState };
/** The viewer a member of the offering's organization, and whether that organization may trade (not suspended). */
export type OfferingStanding = { member: boolean; organizationActive: boolean };

/** Published offerings are public; the organization's members also see their drafts and archive. */
export function mayReadOffering(offering: Offering, member: boolean) {
  return member || offering.state === 'published';
}

/** Archived offerings are restored before they are edited. */
export function mayEditOffering(offering: Offering, standing: OfferingStanding): Refusal | null {
  if (!standing.member) return 'forbidden';
  return offering.state === 'archived' ? refusal('errors.illegalTransition') : null;
}

/** A suspended organization may take its offerings down, not publish them. */
export function mayChangeOfferingState(
  offering: Offering,
  standing: OfferingStanding,
  name: OfferingTransition,
): Refusal | null {
  if (!standing.member) return 'forbidden';
  if (!canTransition(offeringMachine, offering.state, name, 'organization')) {
    return refusal('errors.illegalTransition');
  }
  return name === 'publish' && !standing.organizationActive ? refusal('catalog.errors.suspended') : null;
}

/** A union commissions sessions of a published offering of an organization that is not suspended. */
export function mayBeCommissioned(offering: Offering, organizationActive: boolean): Refusal | null {
  return offering.state === 'published' && organizationActive ? null : refusal('catalog.errors.notCommissionable');
}

/** The organization's owner accepts or declines a commission while it is requested. */
export function mayDecideCommission(
  who: Standing | null,
  commission: { organizationId: number; state: CommissionState },
): Refusal | null {
  if (!isOrgMember(who, commission.organizationId, ['owner'])) return 'forbidden';
  return canTransition(commissionMachine, commission.state, 'accept', 'organization')
    ? null
    : refusal('errors.illegalTransition');
}

export function offeringAbilities(offering: Offering, standing: OfferingStanding) {
  return {
    edit: mayEditOffering(offering, standing) === null,
    transitions: transitionNames.filter((name) => mayChangeOfferingState(offering, standing, name) === null),
  };
}
