import { NotificationKind, NotificationRequestedData } from '../index';
import { renderNotification } from './render-notification';

const notification = (kind: NotificationKind, language: 'en' | 'ur', vars: Partial<NotificationRequestedData['vars']> = {}): NotificationRequestedData => ({
  notificationId: 'n-1',
  ticketId: 't-1',
  ticketNumber: 'HD-000123',
  kind,
  audience: kind === 'assigned' || kind === 'sla_warning' || kind === 'rule_notice' ? 'agent' : 'customer',
  channel: 'email',
  recipient: 'ayesha@example.pk',
  language,
  timeZone: 'Asia/Karachi',
  triggeredBy: 'e-1',
  triggerType: 'TicketSubmitted',
  vars: { ticketSubject: 'Cannot sign in', recipientName: 'Ayesha Khan', customerName: 'Ayesha Khan', ...vars },
});
const render = (n: NotificationRequestedData) => renderNotification(n, { signature: 'Helpdesk' });
const KINDS: NotificationKind[] = ['acknowledgement', 'agent_reply', 'waiting_on_customer', 'resolved', 'closed', 'assigned', 'sla_warning', 'auto_close_reminder', 'rule_notice'];

describe('notification templates', () => {
  it('acknowledge in English with the number in the subject and the text', () => {
    const m = render(notification('acknowledgement', 'en'));
    expect(m.subject).toBe('[HD-000123] We have received your request: Cannot sign in');
    expect(m.text).toContain('given it the number HD-000123');
    expect(m.html).toContain('<html lang="en" dir="ltr">');
  });

  it('acknowledge in Urdu, right to left in the HTML part, the number kept left to right', () => {
    const m = render(notification('acknowledgement', 'ur'));
    expect(m.subject).toBe('[HD-000123] ہمیں آپ کی درخواست موصول ہو گئی ہے: Cannot sign in');
    expect(m.text).toContain('السلام علیکم Ayesha Khan');
    expect(m.html).toContain('<html lang="ur" dir="rtl">');
    expect(m.html).toContain('<div dir="rtl" lang="ur">');
    expect(m.html).toContain('<bdi dir="ltr">HD-000123</bdi>');
  });

  it.each(KINDS.flatMap((k) => [[k, 'en'], [k, 'ur']] as const))('%s in %s has a subject with the number, a text part and an HTML part', (kind, language) => {
    const m = render(notification(kind, language, { body: 'b', resolution: 'r', slaTarget: 'resolution', dueAt: '2026-01-05T12:00:00.000Z', elapsedBusinessMinutes: 1, targetBusinessMinutes: 2 }));
    expect(m.subject.startsWith('[HD-000123] ')).toBe(true);
    expect(m.text.trim().length).toBeGreaterThan(20);
    expect(m.text).toContain('HD-000123');
    expect(m.html).toContain('HD-000123');
  });

  it('writes to agents in English even when the customer reads Urdu', () => {
    const m = render(notification('assigned', 'ur'));
    expect(m.language).toBe('en');
    expect(m.subject).toBe('[HD-000123] Assigned to you: Cannot sign in');
  });

  it('escapes everything people wrote in the HTML part, and keeps it verbatim in the text', () => {
    const evil = '<script>alert("x")</script> & <b>bold</b>';
    const m = render(notification('agent_reply', 'en', { ticketSubject: '<img src=x onerror=alert(1)>', body: `${evil}\nsecond line` }));
    expect(m.html).not.toMatch(/<script|<img|<b>/);
    expect(m.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;<br>second line');
    expect(m.text).toContain(`${evil}\nsecond line`);
  });

  it('keeps the subject on one line and of a sane length', () => {
    const m = render(notification('acknowledgement', 'en', { ticketSubject: `first\r\nBcc: victim@example.com ${'x'.repeat(400)}` }));
    expect(m.subject).not.toMatch(/[\r\n]/);
    expect(m.subject.length).toBeLessThan(200);
  });

  it.each(['en', 'ur'] as const)('puts five rating links, one per score, in a resolution mail in %s (escaped in the HTML part)', (language) => {
    const ratingLinks = [1, 2, 3, 4, 5].map((s) => `https://help.example.pk/#/rate/r1.abc.d&f?score=${s}`);
    const m = renderNotification(notification('resolved', language, { resolution: 'Reset' }), { signature: 'Helpdesk', ratingLinks });
    for (const [i, href] of ratingLinks.entries()) {
      expect(m.text).toContain(`${i + 1} – `);
      expect(m.text).toContain(href);
      expect(m.html).toContain(`href="${href.replace('&', '&amp;')}"`);
    }
    expect(render(notification('resolved', language, { resolution: 'Reset' })).text).not.toContain('#/rate/');
  });

  it('tells the customer when an unanswered resolved request closes, in their zone and language', () => {
    expect(render(notification('auto_close_reminder', 'en', { closesAt: '2026-01-12T07:00:00.000Z' })).text).toMatch(/closed on .*12.*Asia\/Karachi/);
    expect(render(notification('auto_close_reminder', 'ur', { closesAt: '2026-01-12T07:00:00.000Z' })).text).toMatch(/بند کر دی جائے گی/);
  });

  it('shows SLA due times in the recipient’s zone', () => {
    const m = render(notification('sla_warning', 'en', { slaTarget: 'resolution', dueAt: '2026-01-05T12:00:00.000Z', elapsedBusinessMinutes: 384, targetBusinessMinutes: 480 }));
    expect(m.text).toMatch(/5:00\s?pm.*Asia\/Karachi/i);
    expect(m.text).toContain('384 of 480 business minutes');
  });

  it("writes a rule's notice with the rule's own subject and text, naming the rule and the ticket", () => {
    const m = render(notification('rule_notice', 'en', { recipientName: 'Ali', ruleName: 'Urgent outages', noticeSubject: 'Outage: look now', body: 'Ayesha Khan cannot sign in <today>.' }));
    expect(m.subject).toBe('[HD-000123] Outage: look now');
    expect(m.language).toBe('en');
    expect(m.text).toContain('Dear Ali,');
    expect(m.text).toContain('The automation rule “Urgent outages” sends you this about ticket HD-000123 “Cannot sign in”:');
    expect(m.text).toContain('Ayesha Khan cannot sign in <today>.');
    expect(m.html).toContain('Ayesha Khan cannot sign in &lt;today&gt;.');
    expect(render(notification('rule_notice', 'en', { recipientName: '', noticeSubject: 'x', body: 'b' })).text).not.toContain('Dear');
  });

  it("has an Urdu frame for a rule's notice, right to left around the rule's own text (staff mail itself is rendered in English)", () => {
    const m = render({ ...notification('rule_notice', 'ur', { ruleName: 'فوری', noticeSubject: 'بجلی بند', body: 'فوراً دیکھیں' }), audience: 'customer' });
    expect(m.subject).toBe('[HD-000123] بجلی بند');
    expect(m.text).toContain('خودکار قاعدہ “فوری” آپ کو ٹکٹ HD-000123');
    expect(m.html).toContain('<div dir="rtl" lang="ur">');
  });
});
