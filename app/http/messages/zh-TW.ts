import type { Translation } from '~/lib/locale';
import type zhCN from './zh-CN';

export default {
  crossSiteRefused: '請求來自其他網站，已被拒絕。請在本站頁面上重新送出。',
  healthy: '服務正常。',
  bodyTooLarge: '送出的內容超過了這裡允許的 {{size}}，未被接收。請縮小附件或減少內容後重新送出。',
  unsupportedBody: '這裡只接收本站頁面送出的表單，無法讀取這種格式的內容。',
  unreadableForm: '送出的表單不完整或已損壞，無法讀取。請回到頁面重新送出。',
  badRequest: '無法識別請求的網址，請檢查連結是否完整。',
} satisfies Translation<typeof zhCN>;
