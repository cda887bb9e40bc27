/**
 * A file attached to a ticket or a comment. The bytes live in the blob store, addressed by their
 * SHA-256; events carry only this reference.
 */
export interface AttachmentRef {
  attachmentId: string;
  sha256: string;
  filename: string;
  contentType: string;
  size: number;
}

/** Where a comment came from when it did not come through the API: an email's mail stream. */
export interface CommentSource {
  channel: 'email';
  /** The `mail-<hash>` stream's id part, where the raw message and the threading decision live. */
  mailId: string;
}
