export const unionRoles = ['admin', 'commissioner', 'reviewer', 'finance', 'incubator_manager', 'leadership'] as const;
export type UnionRole = (typeof unionRoles)[number];

export const orgRoles = ['owner', 'member'] as const;
export type OrgRole = (typeof orgRoles)[number];

export const unionLevels = ['province', 'city', 'county', 'township', 'community'] as const;
export type UnionLevel = (typeof unionLevels)[number];

/** Who is asking, as a permission rule needs them: their union roles and organization memberships. */
export type Who = {
  roles: readonly { unionId: number; role: UnionRole }[];
  memberships: readonly { organizationId: number; role: OrgRole }[];
};

export function holdsUnionRole(who: Who | null, unionId: number, roles: readonly UnionRole[]) {
  return who !== null && who.roles.some((r) => r.unionId === unionId && roles.includes(r.role));
}

export function belongsTo(who: Who | null, organizationId: number, roles: readonly OrgRole[] = orgRoles) {
  return who !== null && who.memberships.some((m) => m.organizationId === organizationId && roles.includes(m.role));
}
