/** SPF, DKIM and DMARC as checked on receipt, and what an upstream server said it checked. */
export type AuthVerdict = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'temperror' | 'permerror' | 'policy' | 'skipped';

export interface MailAuthResults {
  spf: { result: AuthVerdict; domain: string | null };
  dkim: Array<{ result: AuthVerdict; domain: string | null }>;
  dmarc: { result: AuthVerdict; domain: string | null; policy: string | null };
  /**
   * `Authentication-Results` fields the message carried (a hosted mailbox's own checks, over
   * IMAP). Recorded as given: anyone can write such a header, so decisions never rest on it.
   */
  upstream: string[];
}

export const NO_AUTH_RESULTS: MailAuthResults = {
  spf: { result: 'none', domain: null },
  dkim: [],
  dmarc: { result: 'none', domain: null, policy: null },
  upstream: [],
};
