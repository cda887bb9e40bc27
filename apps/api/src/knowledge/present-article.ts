import { Reader } from '@helpdesk/knowledge';
import { ArticleView } from '@helpdesk/projections';
import { present } from '../queries/present';

/** An article as a reader may see it: staff everything; customers the published public version, or nothing. */
export function articleFor(article: ArticleView, reader: Reader) {
  if (reader === 'staff') return present(article);
  const published = article.published;
  if (article.status !== 'published' || !published || published.audience !== 'public') return null;
  return {
    id: article._id,
    status: article.status,
    version: published.version,
    audience: published.audience,
    category: published.category,
    tags: published.tags,
    translations: published.translations,
    publishedAt: article.publishedAt,
    helpful: article.helpful,
    notHelpful: article.notHelpful,
  };
}
