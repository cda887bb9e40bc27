import { AttachmentView, TicketView } from '@helpdesk/projections';
import { Principal } from '../auth/principal';

/** An attachment as listed: where it hangs (the submission or a comment) and who may see it. */
export interface ListedAttachment extends AttachmentView {
  /** Null for files submitted with the ticket. */
  commentId: string | null;
  visibility: 'public' | 'internal';
}

/**
 * The attachments of a ticket `principal` may see, submission first, then by comment in order.
 * Customers never see those of internal notes: for them such an attachment does not exist.
 */
export function visibleAttachments(view: TicketView, principal: Principal): ListedAttachment[] {
  const onTicket = (view.attachments ?? []).map((a) => ({ ...a, commentId: null, visibility: 'public' as const }));
  const onComments = view.comments
    .filter((c) => principal.role !== 'customer' || c.visibility === 'public')
    .flatMap((c) => (c.attachments ?? []).map((a) => ({ ...a, commentId: c.id, visibility: c.visibility })));
  return [...onTicket, ...onComments];
}
