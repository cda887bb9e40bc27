/** Why the knowledge base refused a command; messages are for people. */
export type KnowledgeErrorCode = 'article_not_found' | 'article_already_exists' | 'illegal_transition' | 'not_allowed' | 'invalid_command';

export class KnowledgeError extends Error {
  override readonly name = 'KnowledgeError';
  constructor(
    readonly code: KnowledgeErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const articleNotFound = (id: string) => new KnowledgeError('article_not_found', `Article ${id} does not exist.`);
export const illegalArticle = (message: string) => new KnowledgeError('illegal_transition', message);
export const notAllowedArticle = (message: string) => new KnowledgeError('not_allowed', message);
export const invalidArticle = (message: string) => new KnowledgeError('invalid_command', message);
