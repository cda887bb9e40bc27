import { renderNotification } from './templates/render-notification';
import { verificationNotification } from './verification-notification';

const facts = {
  verificationId: '11111111-1111-4111-8111-111111111111',
  email: ' Ayesha@Example.PK',
  purpose: 'submit_ticket' as const,
  expiresAt: '2026-01-05T07:15:00.000Z',
  language: 'ur',
  name: null,
  submission: { subject: 'Visa portal', customer: { name: 'Ayesha Khan', timezone: 'Asia/Karachi' } },
};

describe('the address verification mail', () => {
  it('goes to the address in the visitor’s language, about no ticket, with no link or code recorded', () => {
    const n = verificationNotification({ id: 'e-1' }, facts);
    expect(n).toMatchObject({ kind: 'email_verification', audience: 'customer', recipient: 'ayesha@example.pk', language: 'ur', ticketNumber: '', ticketId: facts.verificationId });
    expect(n.vars).toEqual({ ticketSubject: 'Visa portal', recipientName: 'Ayesha Khan', customerName: 'Ayesha Khan', verificationPurpose: 'submit_ticket', expiresAt: facts.expiresAt });
    expect(verificationNotification({ id: 'e-1' }, facts).notificationId).toBe(n.notificationId); // a redelivery names the same notification
  });

  it('renders the link and code given at send time, in Urdu and English, with no ticket number in the subject', () => {
    const n = verificationNotification({ id: 'e-1' }, facts);
    const ur = renderNotification({ ...n, vars: { ...n.vars, code: '042917', link: 'https://help.example.pk/#/verify/hdv.x' } }, { signature: 'Helpdesk' });
    expect(ur.subject).toBe('براہ کرم اپنی درخواست کی تصدیق کریں: Visa portal');
    expect(ur.text).toContain('https://help.example.pk/#/verify/hdv.x');
    expect(ur.text).toContain('042917');
    expect(ur.html).toContain('<bdi dir="ltr">042917</bdi>');
    const en = renderNotification({ ...n, language: 'en', vars: { ...n.vars, verificationPurpose: 'sign_in', code: '042917', link: 'https://x/#/verify/t' } }, { signature: 'Helpdesk' });
    expect(en.subject).toBe('Your sign-in link and code');
    expect(en.text).toMatch(/Or enter this code: 042917/);
    expect(en.text).toMatch(/work once, until 05-Jan-2026, 12:15 pm \(Asia\/Karachi\)/);
  });
});
