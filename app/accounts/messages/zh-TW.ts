import type { Translation } from '~/lib/locale';
import type zhCN from './zh-CN';

export default {
  signupTitle: '註冊帳號',
  loginTitle: '登入',
  accountTitle: '我的帳號',
  name: '姓名',
  email: '電子郵件',
  password: '密碼',
  passwordHint: '至少 10 個字元。',
  signup: '註冊',
  login: '登入',
  haveAccount: '已有帳號？',
  noAccount: '還沒有帳號？',
  changePassword: '變更密碼',
  currentPassword: '目前密碼',
  newPassword: '新密碼',
  confirmPassword: '再次輸入新密碼',
  passwordChanged: '密碼已變更，其他裝置上的登入已全部登出。',
} satisfies Translation<typeof zhCN>;
