import { Actor } from '@helpdesk/ticketing';
import { ArticleCommand } from '../article-commands';
import { ArticleEvent, DatedArticleEvent } from '../article-events';
import { decideArticle } from '../decide-article';
import { foldArticle } from '../evolve-article';
import { KnowledgeError, KnowledgeErrorCode } from '../knowledge-error';

/** given(events).when(command, actor).then(events) | .thenFails(code, message?) */
export function given(...history: ArticleEvent[]) {
  const dated: DatedArticleEvent[] = history.map((e) => ({ occurredAt: '2026-01-05T06:00:00.000Z', actorId: 'sana', ...e }));
  return {
    when(command: ArticleCommand, actor: Actor) {
      const run = () => decideArticle(command, foldArticle(dated), { actor });
      return {
        then(expected: ArticleEvent[]) {
          expect(run()).toEqual(expected);
        },
        thenFails(code: KnowledgeErrorCode, message?: RegExp) {
          let error: unknown;
          try {
            run();
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(KnowledgeError);
          expect((error as KnowledgeError).code).toBe(code);
          if (message) expect((error as KnowledgeError).message).toMatch(message);
        },
      };
    },
  };
}
