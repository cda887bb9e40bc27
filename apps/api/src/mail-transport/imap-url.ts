/** Where the IMAP poller signs in, read from IMAP_URL (`imap[s]://user:password@host[:port]`). */
export interface ImapTarget {
  host: string;
  port: number;
  /** imaps: TLS from the first byte (port 993 by default). */
  secure: boolean;
  /**
   * imap: to any host but this machine must upgrade with STARTTLS (a capability list read in
   * cleartext can be stripped, and the password would follow in cleartext); to loopback it may not.
   */
  requireStartTls: boolean;
  user: string;
  password: string;
  /** The URL without its password, for logs and errors. */
  redacted: string;
}

export function parseImapUrl(value: string): ImapTarget {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // Not echoed: the text may hold a password.
    throw new Error('IMAP_URL is not a valid URL (expected imap[s]://user:password@host[:port])');
  }
  if (url.protocol !== 'imap:' && url.protocol !== 'imaps:') throw new Error('IMAP_URL must start with imap:// or imaps://');
  const secure = url.protocol === 'imaps:';
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  if (!url.hostname || !user) throw new Error('IMAP_URL needs a user and a host (imap[s]://user:password@host[:port])');
  const port = url.port ? Number(url.port) : secure ? 993 : 143;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const loopback = host === 'localhost' || host === '::1' || /^127\./.test(host);
  return { host, port, secure, requireStartTls: !secure && !loopback, user, password, redacted: `${url.protocol}//${url.username}@${url.host}` };
}
