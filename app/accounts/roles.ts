export const unionRoles = ['admin', 'commissioner', 'reviewer', 'finance', 'incubator_manager', 'leadership'] as const;
export type UnionRole = (typeof unionRoles)[number];

export const orgRoles = ['owner', 'member'] as const;
export type OrgRole = (typeof orgRoles)[number];

export const unionLevels = ['province', 'city', 'county', 'township', 'community'] as const;
export type UnionLevel = (typeof unionLevels)[number];
