import { describe, expect, it } from 'vitest';
import { mayActForOrganization, mayEditOrganization } from './permissions';
import type { Standing } from '~/accounts/roles';
import { maySeeOrganizationEvaluations } from '~/evaluation/permissions';

const organizationId = 7;
const viewers: Record<string, Standing | null> = {
  owner: { memberships: [{ organizationId, role: 'owner' }], roles: [] },
  member: { memberships: [{ organizationId, role: 'member' }], roles: [] },
  otherOwner: { memberships: [{ organizationId: 8, role: 'owner' }], roles: [] },
  unionStaff: { memberships: [], roles: [{ unionId: 1, role: 'leadership' }] },
  anonymous: null,
};

describe('organization permissions, for each viewer', () => {
  it.each(Object.entries(viewers))('as %s', (name, viewer) => {
    expect(mayEditOrganization(viewer, organizationId)).toBe(name === 'owner');
    expect(mayActForOrganization(viewer, organizationId)).toBe(name === 'owner' || name === 'member');
    expect(maySeeOrganizationEvaluations(viewer, organizationId)).toBe(
      ['owner', 'member', 'unionStaff'].includes(name),
    );
  });
});
