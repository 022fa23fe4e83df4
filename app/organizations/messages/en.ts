import type { Translation } from '~/lib/locale';
import type zhCN from './zh-CN';

export default {
  types: {
    social_group: 'Social group',
    social_service: 'Social service agency',
    foundation: 'Foundation',
    grassroots: 'Unregistered grassroots team',
  },
  type: 'Organization type',
  creditCode: 'Unified social credit code',
  teamSize: 'Team size',
  volunteers: 'Volunteers',
  trackRecord: 'Track record on the platform',
  profile: {
    registerTitle: 'Register an organization',
    registerLead:
      'You become the organization’s owner: you can edit its profile, invite members and apply to an incubator.',
    register: 'Register',
    editTitle: 'Edit {{name}}',
    edit: 'Edit profile',
    publicProfile: 'Public profile',
    profile: 'Profile',
    save: 'Save',
    name: 'Name',
    creditCodeHint:
      'Registered organizations enter their 18-character unified social credit code; grassroots teams leave it empty.',
    fields: 'Fields of service',
    description: 'About the organization',
    contactName: 'Contact person',
    contactPhone: 'Contact phone',
    contactEmail: 'Contact email',
    foundedOn: 'Founded on',
    members: 'Members',
    roles: {
      owner: 'Owner',
      member: 'Member',
    },
    inviteEmail: "Member's email",
    inviteHint: 'They get an email with a link; they become a member once they log in with this address and accept.',
    invite: 'Invite member',
    notices: {
      registered: 'The organization is registered. You can now invite members or apply to an incubator.',
      saved: 'Saved.',
    },
    errors: {
      chooseField: 'Choose at least one field of service.',
      creditCodeRequired: 'Registered organizations must enter their unified social credit code.',
      creditCodeInvalid:
        'That unified social credit code is not valid: check the 18 characters; the last one does not match the first 17.',
      creditCodeGrassroots:
        'Grassroots teams have no unified social credit code; leave it empty or choose another type.',
      creditCodeTaken: 'Another organization on the platform is already registered with this code.',
      phone: 'Enter a valid phone number.',
      foundedInFuture: 'The founding date cannot be after today.',
    },
  },
} satisfies Translation<typeof zhCN>;
