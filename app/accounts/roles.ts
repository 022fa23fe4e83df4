/** `auditor` (经审): reads the union's red flags and the records behind them, and answers flags; changes nothing else. */
export const unionRoles = [
  'admin',
  'commissioner',
  'reviewer',
  'finance',
  'incubator_manager',
  'leadership',
  'auditor',
] as const;
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

/** Whether `standing` (null: nobody signed in) holds one of `roles` in the union. */
export function hasUnionRole(standing: Standing | null, unionId: number, roles: readonly UnionRole[]) {
  return standing !== null && standing.roles.some((r) => r.unionId === unionId && roles.includes(r.role));
}

/** Whether `standing` (null: nobody signed in) is a member of the organization in one of `roles`. */
export function isOrgMember(standing: Standing | null, organizationId: number, roles: readonly OrgRole[] = orgRoles) {
  return (
    standing !== null && standing.memberships.some((m) => m.organizationId === organizationId && roles.includes(m.role))
  );
}
