import { SHA256_HEX } from '@helpdesk/blob-store';

/** The blobs an event refers to: attachments (tickets, comments, mail, a web form's pending submission) and a mail's raw message. */
export function blobReferences(data: Record<string, unknown>): string[] {
  const found: string[] = [];
  const submission = data.submission as { attachments?: unknown } | null | undefined;
  const attachments = [...(Array.isArray(data.attachments) ? data.attachments : []), ...(Array.isArray(submission?.attachments) ? submission.attachments : [])];
  if (Array.isArray(attachments)) {
    for (const a of attachments) {
      const sha = (a as { sha256?: unknown } | null)?.sha256;
      if (typeof sha === 'string' && SHA256_HEX.test(sha)) found.push(sha);
    }
  }
  if (typeof data.rawBlobSha256 === 'string' && SHA256_HEX.test(data.rawBlobSha256)) found.push(data.rawBlobSha256);
  return found;
}
