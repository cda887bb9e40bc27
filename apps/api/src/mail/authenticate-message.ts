import { promises as dns } from 'node:dns';
import { hostname } from 'node:os';
import { authenticate } from 'mailauth';
import { AuthVerdict, MailAuthResults } from '@helpdesk/mail';
import { MailReceipt } from './mail-ingest.port';

const VERDICTS = new Set<AuthVerdict>(['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror', 'policy', 'skipped']);

/**
 * SPF (when the connecting address is known), DKIM and DMARC with mailauth. Every DNS lookup
 * has a deadline: a lookup that does not answer in time fails with ETIMEOUT, which mailauth
 * records as temperror, so a machine without DNS records temperror/none instead of hanging.
 */
export async function authenticateMessage(raw: Buffer, receipt: MailReceipt, upstream: string[], timeoutMs: number): Promise<MailAuthResults> {
  const skipped: MailAuthResults = {
    spf: { result: 'skipped', domain: null },
    dkim: [],
    dmarc: { result: 'skipped', domain: null, policy: null },
    upstream,
  };
  if (timeoutMs === 0) return skipped;
  const resolver = new dns.Resolver({ timeout: timeoutMs, tries: 1 });
  const resolve = (name: string, type: string) =>
    withDeadline(resolver.resolve(name, type) as Promise<string[][] | string[]>, timeoutMs, () => Object.assign(new Error(`DNS ${type} ${name} timed out`), { code: 'ETIMEOUT' }));
  try {
    const result = await withDeadline(
      authenticate(raw, {
        ip: receipt.remoteAddress,
        helo: receipt.heloName,
        sender: receipt.envelopeFrom || undefined,
        mta: hostname(),
        resolver: resolve,
        disableArc: true,
        disableBimi: true,
      }),
      timeoutMs * 8,
      () => new Error('authentication checks timed out'),
    );
    return {
      spf: result.spf ? { result: verdict(result.spf.status.result), domain: result.spf.domain ?? null } : { result: 'none', domain: null },
      dkim: result.dkim.results.map((r) => ({ result: verdict(r.status.result), domain: r.signingDomain ?? null })),
      dmarc: result.dmarc ? { result: verdict(result.dmarc.status.result), domain: result.dmarc.domain ?? null, policy: result.dmarc.policy ?? null } : { result: 'none', domain: null, policy: null },
      upstream,
    };
  } catch {
    return { spf: { result: receipt.remoteAddress ? 'temperror' : 'none', domain: null }, dkim: [], dmarc: { result: 'temperror', domain: null, policy: null }, upstream };
  }
}

function verdict(value: string): AuthVerdict {
  if (value === 'temperr') return 'temperror';
  return VERDICTS.has(value as AuthVerdict) ? (value as AuthVerdict) : 'neutral';
}

function withDeadline<T>(work: Promise<T>, ms: number, error: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(error()), ms);
    timer.unref();
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
