import type { CapabilityMessages } from '~/lib/i18n';

export default {
  'zh-CN': { http: { crossSiteRefused: '请求来自其他网站，已被拒绝。请在本站页面上重新提交。' } },
  'zh-TW': { http: { crossSiteRefused: '請求來自其他網站，已被拒絕。請在本站頁面上重新送出。' } },
  en: {
    http: {
      crossSiteRefused: 'This request came from another site and was refused. Please submit it again from this site.',
    },
  },
} satisfies CapabilityMessages;
