import { describe, expect, it } from 'vitest';
import { browserMessages, messagePart } from './locale';

const namespaces = ['core', 'notifications', 'procurement'];
const bundles = {
  core: { nav: { home: '返回首页' }, errors: { required: '此项必填。' } },
  notifications: { unread_one: '{{count}} 条未读', unread_other: '{{count}} 条未读', mail: { x: { subject: '邮件' } } },
  procurement: { bid: { saveDraft: '保存草稿' }, panel: { title: '评审' } },
};

describe('the messages a page sends the browser', () => {
  const parts = (...keys: string[]) => new Set(keys.map((key) => messagePart(key, namespaces)));

  it('are the groups of the keys its render translated, by namespace', () => {
    expect(browserMessages(bundles, parts('nav.home', 'procurement.bid.saveDraft'))).toEqual({
      core: { nav: { home: '返回首页' } },
      procurement: { bid: { saveDraft: '保存草稿' } },
    });
  });

  it('carry every form of a plural the page asked for by its key', () => {
    expect(browserMessages(bundles, parts('notifications.unread'))).toEqual({
      notifications: { unread_one: '{{count}} 条未读', unread_other: '{{count}} 条未读' },
    });
  });

  it("never carry the emails' words", () => {
    expect(browserMessages(bundles).notifications).not.toHaveProperty('mail');
    expect(browserMessages(bundles, parts('notifications.mail.x.subject'))).toEqual({});
  });
});
