import { Actor, Role } from '@helpdesk/ticketing';
import { ArticleCommandType } from './article-commands';
import { notAllowedArticle } from './knowledge-error';

const STAFF: readonly Role[] = ['agent', 'supervisor', 'admin'];
const PUBLISHERS: readonly Role[] = ['supervisor', 'admin'];

/** Who may ask for each article command: agents propose, supervisors and admins publish. */
export const ARTICLE_COMMAND_PERMISSIONS: Record<ArticleCommandType, { roles: readonly Role[]; refinedBy?: string }> = {
  DraftArticle: { roles: STAFF },
  EditArticle: { roles: STAFF, refinedBy: 'not archived ones' },
  PublishArticle: { roles: PUBLISHERS },
  UnpublishArticle: { roles: PUBLISHERS },
  ArchiveArticle: { roles: PUBLISHERS },
  LinkArticleToTicket: { roles: STAFF, refinedBy: 'tickets within reach; published articles only' },
  VoteOnArticle: { roles: ['customer', 'agent', 'supervisor', 'admin'], refinedBy: 'one vote per person (a second one changes it); customers: public articles' },
  ViewArticle: { roles: ['customer', 'agent', 'supervisor', 'auditor', 'analyst', 'admin'] },
};

export function requireArticlePermission(type: ArticleCommandType, actor: Actor): void {
  if (actor.role === 'system') return;
  if (!ARTICLE_COMMAND_PERMISSIONS[type].roles.includes(actor.role)) {
    throw notAllowedArticle(`The ${actor.role} role may not ${type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}.`);
  }
}
