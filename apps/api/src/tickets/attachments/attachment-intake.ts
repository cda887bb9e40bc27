import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { CommandEnvelope } from '@helpdesk/application';
import { attachmentRefusal, BLOB_STORE, BlobStore, recordedContentType, safeFilename } from '@helpdesk/blob-store';
import { AttachmentRef } from '@helpdesk/ticketing';
import { problem } from '../../http/problem';

// Attachment ids of a request with an Idempotency-Key are derived from it, so a retry answers the same ids.
const ATTACHMENT_NAMESPACE = '0c6f2a43-51f4-4d7e-8f7e-2d9b8c1a6e35';

/** What multer's memory storage gives for each file (the part of Express.Multer.File used here). */
export interface UploadedFile {
  originalname: string;
  mimetype: string;
  buffer: Buffer;
}

export interface Uploaded {
  attachments: AttachmentRef[];
  /** The envelope to run the command with: its request (for Idempotency-Key reuse) names the files too. */
  envelope: CommandEnvelope;
}

/**
 * Files uploaded with a command, into the blob store: every file is checked against the type
 * policy before any is stored (one refused file refuses the request: 415), then each is stored
 * content-addressed. The command that references them runs after; if it fails, the stored bytes
 * are referenced by nothing (harmless: the same bytes uploaded again are stored once).
 */
@Injectable()
export class AttachmentIntake {
  constructor(@Inject(BLOB_STORE) private readonly blobs: BlobStore) {}

  async accept(files: UploadedFile[] | undefined, envelope: CommandEnvelope): Promise<Uploaded> {
    if (!files?.length) return { attachments: [], envelope };
    const candidates = files.map((file) => ({ file, filename: safeFilename(file.originalname) }));
    for (const { file, filename } of candidates) {
      const refusal = attachmentRefusal({ filename, declaredType: file.mimetype, bytes: file.buffer });
      if (refusal) throw problem(415, 'attachment-type-refused', 'Attachment type not accepted', refusal, { filename });
    }
    const attachments: AttachmentRef[] = [];
    for (const [index, { file, filename }] of candidates.entries()) {
      const { sha256, size } = await this.blobs.put(file.buffer);
      const attachmentId = envelope.idempotencyKey
        ? uuidv5(`${envelope.actor.id}\u0000${envelope.idempotencyKey}\u0000${index}\u0000${sha256}`, ATTACHMENT_NAMESPACE)
        : randomUUID();
      attachments.push({ attachmentId, sha256, filename, contentType: recordedContentType(file.mimetype, file.buffer), size });
    }
    const request = { ...(envelope.request as Record<string, unknown>), files: attachments.map(({ sha256, filename, contentType }) => ({ sha256, filename, contentType })) };
    return { attachments, envelope: { ...envelope, request } };
  }
}

/** How a command's answer names the attachments it recorded. */
export const presentUploaded = (attachments: AttachmentRef[]) =>
  attachments.map(({ attachmentId, filename, contentType, size, sha256 }) => ({ id: attachmentId, filename, contentType, size, sha256 }));
