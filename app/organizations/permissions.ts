import { isOrgMember, type Standing } from '~/accounts/roles';

// Who may change an organization's profile and manage its offerings. Pure: the organization's
// pages show these answers, its commands require the same roles.

/** Only an owner edits the profile, contact details and members. */
export function mayEditOrganization(viewer: Standing | null, organizationId: number) {
  return viewer !== null && isOrgMember(viewer, organizationId, ['owner']);
}

/** Every member manages the organization's offerings, events and calendar. */
export function mayActForOrganization(viewer: Standing | null, organizationId: number) {
  return viewer !== null && isOrgMember(viewer, organizationId);
}
