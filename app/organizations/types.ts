export const organizationTypes = ['social_group', 'social_service', 'foundation', 'grassroots'] as const;
export type OrganizationType = (typeof organizationTypes)[number];
export const organizationStatuses = ['active', 'suspended'] as const;
