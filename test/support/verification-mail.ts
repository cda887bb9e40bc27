import { RelayedMessage, TestRelay } from './test-relay';

/** The link token and code of a verification mail, read from its text part as a person would. */
export function verificationOf(mail: RelayedMessage): { token: string; code: string; link: string } {
  const text = mail.parsed.text ?? '';
  const link = /(https?:\/\/\S+#\/verify\/(hdv\.[A-Za-z0-9._-]+))/.exec(text);
  const codeLine = text.split('\n').find((line) => !line.includes('#/verify/') && /\b\d{6}\b/.test(line));
  if (!link || !codeLine) throw new Error(`no link or code in the mail: ${text}`);
  return { link: link[1], token: link[2], code: /\b(\d{6})\b/.exec(codeLine)![1] };
}

/** Waits for the `n`th verification mail to `address` (1-based) and answers it. */
export async function nthVerificationMail(relay: TestRelay, address: string, n = 1): Promise<RelayedMessage> {
  const mails = () => relay.messages.filter((m) => m.to.includes(address) && /#\/verify\//.test(m.parsed.text ?? ''));
  await relay.waitFor(() => mails().length >= n, `verification mail ${n} to ${address}`, 60_000);
  return mails()[n - 1];
}
