import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { notifications, users } from '../../db/schema';
import { countUnread, listNotifications, markAllRead, openNotification } from './inbox.server';
import { notify } from './notify.server';
import { db, transaction } from '~/lib/db.server';

let counter = 0;
function createUser() {
  counter++;
  return db
    .insert(users)
    .values({ email: `inbox${counter}@example.cn`, name: `用户${counter}`, passwordHash: 'x' })
    .returning()
    .get();
}

function reportReturned(userId: number, title: string) {
  transaction((tx) => notify(tx, userId, 'report_returned', { title, reason: '缺少照片', path: `/events/${counter}` }));
  return db.select().from(notifications).where(eq(notifications.userId, userId)).all().at(-1)!.id;
}

describe('in-app notifications', () => {
  it('list the person’s notices newest first, in the language asked for, with an unread count', async () => {
    const user = createUser();
    reportReturned(user.id, '驿站讲座（一）');
    reportReturned(user.id, '驿站讲座（二）');
    transaction((tx) => notify(tx, user.id, 'password_reset', { name: user.name, path: '/reset-password?token=x' }));
    reportReturned(createUser().id, '别人的活动');

    expect(countUnread(user.id)).toBe(2);
    expect((await listNotifications(user.id, 'zh-CN')).map((n) => n.summary)).toEqual([
      '完成报告被退回：驿站讲座（二）',
      '完成报告被退回：驿站讲座（一）',
    ]);
    expect((await listNotifications(user.id, 'en'))[0]!.summary).toBe('Completion report returned: 驿站讲座（二）');
  });

  it('open only the person’s own notice, marking it read and leading to its page', () => {
    const owner = createUser();
    const stranger = createUser();
    const id = reportReturned(owner.id, '驿站讲座');

    expect(() => openNotification(stranger.id, id)).toThrow(Response);
    expect(countUnread(owner.id)).toBe(1);
    expect(openNotification(owner.id, id)).toMatch(/^\/events\/\d+$/);
    expect(countUnread(owner.id)).toBe(0);
  });

  it('mark all read', () => {
    const user = createUser();
    reportReturned(user.id, '一');
    reportReturned(user.id, '二');
    markAllRead(user.id);
    expect(countUnread(user.id)).toBe(0);
  });
});
