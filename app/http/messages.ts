import type { CapabilityMessages } from '~/lib/i18n';

export default {
  'zh-CN': {
    http: {
      crossSiteRefused: '请求来自其他网站，已被拒绝。请在本站页面上重新提交。',
      healthy: '服务正常。',
      bodyTooLarge: '提交的内容超过了这里允许的 {{size}}，未被接收。请缩小附件或减少内容后重新提交。',
      unsupportedBody: '这里只接收本站页面提交的表单，无法读取这种格式的内容。',
      unreadableForm: '提交的表单不完整或已损坏，无法读取。请回到页面重新提交。',
      badRequest: '无法识别请求的地址，请检查链接是否完整。',
    },
  },
  'zh-TW': {
    http: {
      crossSiteRefused: '請求來自其他網站，已被拒絕。請在本站頁面上重新送出。',
      healthy: '服務正常。',
      bodyTooLarge: '送出的內容超過了這裡允許的 {{size}}，未被接收。請縮小附件或減少內容後重新送出。',
      unsupportedBody: '這裡只接收本站頁面送出的表單，無法讀取這種格式的內容。',
      unreadableForm: '送出的表單不完整或已損壞，無法讀取。請回到頁面重新送出。',
      badRequest: '無法識別請求的網址，請檢查連結是否完整。',
    },
  },
  en: {
    http: {
      crossSiteRefused: 'This request came from another site and was refused. Please submit it again from this site.',
      healthy: 'The service is up.',
      bodyTooLarge:
        'What you sent is larger than the {{size}} accepted here and was not received. Please make the attachments smaller or send less, then submit again.',
      unsupportedBody: "Only forms sent from this site's pages are accepted here; what was sent cannot be read.",
      unreadableForm:
        'The form that was sent is incomplete or damaged and could not be read. Please submit it again from the page.',
      badRequest: 'The address of this request could not be read. Please check that the link is complete.',
    },
  },
} satisfies CapabilityMessages;
