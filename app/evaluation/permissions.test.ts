import { describe, expect, it } from 'vitest';
import { complaintMachine } from './machine';
import {
  mayReadContractEvaluation,
  mayRecordComplaint,
  mayResolveComplaint,
  mayReviewContract,
  type ContractEvaluationStanding,
} from './permissions';
import { contractMachine } from '~/procurement/machine';

const nobody: ContractEvaluationStanding = {
  asOrganization: false,
  reader: false,
  reviewer: false,
  complaintHandler: null,
};
const roles = {
  organization: { ...nobody, asOrganization: true },
  reviewer: { ...nobody, reader: true, reviewer: true, complaintHandler: 'reviewer' },
  commissioner: { ...nobody, reader: true, complaintHandler: 'commissioner' },
  leadership: { ...nobody, reader: true },
  ownReviewer: { asOrganization: true, reader: true, reviewer: true, complaintHandler: 'reviewer' },
} satisfies Record<string, ContractEvaluationStanding>;
const signed = ['active', 'completed', 'terminated'];

describe('contract evaluation permissions, for each role in each contract state', () => {
  const table = contractMachine.states.flatMap((state) =>
    Object.entries(roles).map(([role, standing]) => [state, role, standing] as const),
  );
  it.each(table)('%s, as %s', (state, role, standing) => {
    expect(mayReadContractEvaluation(standing)).toBe(role !== 'nobody');
    expect(mayReviewContract({ state }, standing) === null).toBe(role === 'reviewer' && signed.includes(state));
    expect(mayRecordComplaint({ state }, standing) === null).toBe(
      ['reviewer', 'commissioner', 'ownReviewer'].includes(role) && signed.includes(state),
    );
  });

  it('refuses a reviewer judging their own organization as a conflict of interest', () => {
    expect(mayReviewContract({ state: 'active' }, roles.ownReviewer)).toEqual({
      messageKey: 'errors.conflictOfInterest',
      status: 403,
    });
    expect(mayReviewContract({ state: 'active' }, roles.commissioner)).toBe('forbidden');
  });
});

describe('complaint permissions, for each role in each state', () => {
  const table = complaintMachine.states.flatMap((state) =>
    Object.entries(roles).map(([role, standing]) => [state, role, standing] as const),
  );
  it.each(table)('%s, as %s', (state, role, standing) => {
    expect(mayResolveComplaint({ state }, standing) === null).toBe(
      (role === 'reviewer' || role === 'commissioner') && state === 'open',
    );
  });
});
