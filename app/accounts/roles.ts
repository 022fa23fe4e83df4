export const unionRoles = ['admin', 'commissioner', 'reviewer', 'finance', 'incubator_manager', 'leadership'] as const;
export type UnionRole = (typeof unionRoles)[number];

export const orgRoles = ['owner', 'member'] as const;
export type OrgRole = (typeof orgRoles)[number];

export const unionLevels = ['province', 'city', 'county', 'township', 'community'] as const;
export type UnionLevel = (typeof unionLevels)[number];

/** What a person may act as: their organization memberships and union roles (a Viewer is one). */
export type Standing = {
  memberships: readonly { organizationId: number; role: OrgRole }[];
  roles: readonly { unionId: number; role: UnionRole }[];
};

export function hasUnionRole(standing: Standing, unionId: number, roles: readonly UnionRole[]) {
  return standing.roles.some((r) => r.unionId === unionId && roles.includes(r.role));
}

export function isOrgMember(
  standing: Standing,
  organizationId: number,
  roles: readonly OrgRole[] = ['owner', 'member'],
) {
  return standing.memberships.some((m) => m.organizationId === organizationId && roles.includes(m.role));
}
