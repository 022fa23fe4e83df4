import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { supportedLanguages } from '~/lib/i18n';
import { mandatoryTemplates, type NotificationData, type NotificationTemplate } from '~/notifications/notify.server';
import { renderEmail, templatesDir } from './render.server';
import { samples } from './samples';

const files = readdirSync(templatesDir);
const templates = files
  .filter((f) => f.endsWith('.mjml'))
  .map((f) => f.replace(/\.mjml$/, '')) as NotificationTemplate[];

describe('email templates', () => {
  it('exist, with a text part, for exactly the declared notifications', () => {
    expect(templates.sort()).toEqual(Object.keys(samples).sort());
    expect(files.filter((f) => f.endsWith('.txt')).sort()).toEqual(templates.map((t) => `${t}.txt`).sort());
    expect(files.filter((f) => !/\.(mjml|txt)$/.test(f))).toEqual([]);
  });

  describe.each(templates)('%s', (template) => {
    it.each(supportedLanguages)(
      'compiles under strict MJML validation in %s, every placeholder filled',
      async (locale) => {
        const optional = !mandatoryTemplates.includes(template);
        const email = await renderEmail({
          template,
          data: samples[template],
          locale,
          name: '周明',
          unsubscribeUrl: optional ? 'https://example.org/unsubscribe/x' : null,
        });
        expect(email.subject).not.toMatch(/\{\{|notifications\.mail/);
        expect(email.html).toContain(`lang="${locale}"`);
        for (const part of [email.html, email.text]) {
          expect(part).not.toMatch(/\{\{|\}\}|notifications\.mail/);
          expect(part).toContain(
            `http://localhost:3000${samples[template].path.replaceAll('&', '&amp;')}`.split('?')[0],
          );
          expect(part.includes('https://example.org/unsubscribe/x')).toBe(optional);
        }
      },
    );
  });

  it('escapes every variable in the HTML part and keeps it verbatim in the text part', async () => {
    const title = '</mj-text><script>alert("x")</script> & 子女托管';
    const email = await renderEmail({
      template: 'report_returned',
      data: { title, reason: '<b>照片不清楚</b>', path: '/events/1?a=1&b="2"' },
      locale: 'zh-CN',
      name: '<img src=x>',
      unsubscribeUrl: null,
    });
    expect(email.html).not.toMatch(/<script|<b>|<img|<\/mj-text>/);
    expect(email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 子女托管');
    expect(email.html).toContain('href="http://localhost:3000/events/1?a=1&amp;b=&quot;2&quot;"');
    expect(email.text).toContain(title);
    expect(email.text).toContain('<b>照片不清楚</b>');
    expect(email.subject).toBe(`完成报告被退回：${title}`);
  });

  it.each(supportedLanguages)(
    'says why a contract completed, in %s: fulfilled, or the commissioner’s reason',
    async (locale) => {
      const render = (data: NotificationData['contract_completed']) =>
        renderEmail({ template: 'contract_completed', data, locale, name: '周明', unsubscribeUrl: 'x' });
      const { reason, ...fulfilled } = samples.contract_completed;
      const [byItself, early] = [await render(fulfilled), await render(samples.contract_completed)];
      for (const part of [byItself.html, byItself.text]) expect(part).not.toMatch(/\{\{|\}\}|notifications\.mail|—/);
      expect(byItself.text).not.toContain(reason!);
      expect(early.text).toContain(reason!);
      // The fulfilled variant says so in a sentence of its own, which the early one does not have.
      expect(byItself.text.split('\n').filter((line) => line.trim() && !early.text.includes(line))).toHaveLength(1);
    },
  );

  it('formats amounts and times in the recipient’s language and time zone', async () => {
    const render = (locale: string) =>
      renderEmail({
        template: 'event_reminder',
        data: samples.event_reminder,
        locale,
        name: 'Zhou',
        unsubscribeUrl: 'x',
      });
    expect((await render('zh-CN')).text).toContain('2026年7月15日 14:00');
    expect((await render('en')).text).toContain('Jul 15, 2026, 2:00 PM');
    const paid = await renderEmail({
      template: 'milestone_paid',
      data: samples.milestone_paid,
      locale: 'en',
      name: 'Zhou',
      unsubscribeUrl: 'x',
    });
    expect(paid.text).toContain('CN¥12,000.00');
  });
});
