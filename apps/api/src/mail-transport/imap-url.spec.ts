import { parseImapUrl } from './imap-url';

describe('IMAP_URL', () => {
  it('reads host, port, TLS and percent-encoded credentials, and names the mailbox without the password', () => {
    expect(parseImapUrl('imaps://support%40example.pk:p%40ss%3Aw%2Frd@imap.example.pk')).toEqual({
      host: 'imap.example.pk',
      port: 993,
      secure: true,
      requireStartTls: false,
      user: 'support@example.pk',
      password: 'p@ss:w/rd',
      redacted: 'imaps://support%40example.pk@imap.example.pk',
    });
    expect(parseImapUrl('imap://helpdesk:secret@127.0.0.1:1143')).toMatchObject({ host: '127.0.0.1', port: 1143, secure: false, requireStartTls: false, redacted: 'imap://helpdesk@127.0.0.1:1143' });
    expect(parseImapUrl('imap://helpdesk:secret@imap.example.pk')).toMatchObject({ port: 143, secure: false, requireStartTls: true });
    expect(parseImapUrl('imap://helpdesk:secret@[::1]')).toMatchObject({ host: '::1', port: 143, requireStartTls: false });
  });

  it('refuses what it cannot use without repeating the password', () => {
    expect(() => parseImapUrl('imap://:secret-pass@host')).toThrow(/needs a user and a host/);
    expect(() => parseImapUrl('pop3://u:secret-pass@host')).toThrow(/imap:\/\/ or imaps:\/\//);
    const message = (value: string) => {
      try {
        parseImapUrl(value);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error(`${value} was accepted`);
    };
    expect(message('imap://u:secret-pass@ho st')).toMatch(/not a valid URL/);
    expect(message('not a url secret-pass')).not.toContain('secret-pass');
    expect(message('imap://u:secret-pass@ho st')).not.toContain('secret-pass');
  });
});
