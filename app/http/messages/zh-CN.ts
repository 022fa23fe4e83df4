// The http namespace: t('http.<key>'). zh-TW.ts and en.ts have exactly these keys.
export default {
  crossSiteRefused: '请求来自其他网站，已被拒绝。请在本站页面上重新提交。',
  healthy: '服务正常。',
  bodyTooLarge: '提交的内容超过了这里允许的 {{size}}，未被接收。请缩小附件或减少内容后重新提交。',
  unsupportedBody: '这里只接收本站页面提交的表单，无法读取这种格式的内容。',
  unreadableForm: '提交的表单不完整或已损坏，无法读取。请回到页面重新提交。',
  badRequest: '无法识别请求的地址，请检查链接是否完整。',
};
