// The accounts namespace: t('accounts.<key>'). zh-TW.ts and en.ts have exactly these keys.
export default {
  signupTitle: '注册账号',
  loginTitle: '登录',
  accountTitle: '我的账号',
  name: '姓名',
  email: '电子邮箱',
  password: '密码',
  passwordHint: '至少 10 个字符。',
  signup: '注册',
  login: '登录',
  haveAccount: '已有账号？',
  noAccount: '还没有账号？',
  changePassword: '修改密码',
  currentPassword: '当前密码',
  newPassword: '新密码',
  confirmPassword: '再次输入新密码',
  passwordChanged: '密码已修改，其他设备上的登录已全部退出。',
};
