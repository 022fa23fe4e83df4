import type { Translation } from '~/lib/locale';
import type zhCN from './zh-CN';

export default {
  title: 'Invitation',
  signInLead:
    'You have an invitation. Log in with the email address it was sent to, to see and accept it; if you have no account yet, sign up with that address first.',
  signIn: 'Log in',
  signUp: 'Sign up',
  unionOffer: '{{inviter}} invites you to take the role "{{role}}" at {{union}}.',
  departmentOffer: 'Department: {{department}}.',
  organizationOffer: '{{inviter}} invites you to join {{organization}} as a member.',
  expires: 'The invitation can be accepted once, until {{time}} (Beijing time).',
  accept: 'Accept the invitation',
  decline: 'To decline, do nothing: the invitation lapses when it expires.',
  toWorkspace: 'Back to my workspace',
  accepted: 'You accepted the invitation; your new role or organization is listed below.',
  errors: {
    invalid:
      'This invitation link is not valid. Check that the link is complete, or ask the person who invited you to send it again.',
    otherAccount:
      'This invitation was sent to another email address. Log out, log in with the address that received the invitation, and open the link again.',
    unverified:
      'Verify your email address before accepting: open the link in the verification email, then open the invitation link again.',
    alreadyInvited:
      'This address already has the same invitation waiting to be accepted: send it again or withdraw it under "Invitations not yet accepted".',
    alreadyStaff: 'The account with this email already holds this role.',
    alreadyMember: 'The account with this email is already a member of the organization.',
    department: 'The chosen department does not belong to this union.',
  },
  closed: {
    accepted: 'This invitation has been accepted already; the link cannot be used again.',
    expired: 'This invitation has expired. Ask the person who invited you to send it again.',
    withdrawn: 'This invitation has been withdrawn.',
  },
  states: {
    invitation: {
      pending: 'Pending',
      expired: 'Expired',
      accepted: 'Accepted',
      withdrawn: 'Withdrawn',
    },
  },
  list: {
    title: 'Invitations not yet accepted',
    email: 'Email',
    role: 'Role',
    invitedBy: 'Invited by',
    sent: 'Sent',
    expires: 'Expires',
    state: 'State',
    actions: 'Actions',
    none: 'No invitations are waiting.',
    resend: 'Send again',
    withdraw: 'Withdraw',
    resendLabel: 'Send again: the invitation to {{email}}',
    withdrawLabel: 'Withdraw the invitation to {{email}}',
  },
  notices: {
    invited:
      'Invitation sent. They get the role or membership only once they log in with that address and accept the link in the email.',
    resent: 'Invitation sent again: the old link no longer works; the new one works for {{days}} days.',
    withdrawn: 'Invitation withdrawn; its link no longer works.',
  },
  unionTitle: '{{union}} · staff invitations',
  unionLead:
    'Staff invited by the platform administrators are listed here until they accept. You can send an invitation again (the old link stops working) or withdraw it.',
  link: 'Staff invitations',
  pendingLink: 'Invitations not yet accepted ({{count}})',
} satisfies Translation<typeof zhCN>;
