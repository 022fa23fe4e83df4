import type { Translation } from '~/lib/locale';
import type zhCN from './zh-CN';

export default {
  signupTitle: 'Create an account',
  loginTitle: 'Log in',
  accountTitle: 'My account',
  name: 'Name',
  email: 'Email',
  password: 'Password',
  passwordHint: 'At least 10 characters.',
  signup: 'Sign up',
  login: 'Log in',
  haveAccount: 'Already have an account?',
  noAccount: 'No account yet?',
  changePassword: 'Change password',
  currentPassword: 'Current password',
  newPassword: 'New password',
  confirmPassword: 'Repeat new password',
  passwordChanged: 'Password changed. You have been logged out on all other devices.',
} satisfies Translation<typeof zhCN>;
