import { ArticleView, KB_ARTICLES, KB_NO_RESULTS, KB_SESSIONS, NoResultView, SuggestionSessionView } from '@helpdesk/projections';
import { KnowledgeReadModels } from './knowledge-read-models';

const titleOf = (a: ArticleView) => Object.fromEntries(Object.values(a.published?.translations ?? a.translations).map((t) => [t.language, t.title]));

/**
 * The knowledge base's figures, from its read models: the searches that found nothing, the most
 * read and most linked articles, how often a suggestion kept a ticket from being filed, and how
 * helpful readers found the articles.
 */
export async function knowledgeMetrics(kb: KnowledgeReadModels, top = 10) {
  const [articles, sessions, misses] = await Promise.all([kb.collection<ArticleView>(KB_ARTICLES), kb.collection<SuggestionSessionView>(KB_SESSIONS), kb.collection<NoResultView>(KB_NO_RESULTS)]);
  const [suggested, deflected, filed, noResult, mostViewed, mostLinked] = await Promise.all([
    sessions.count({ suggested: true }),
    sessions.count({ suggested: true, deflected: true, filed: false }),
    sessions.count({ suggested: true, filed: true }),
    misses.find({}, { sort: { count: -1, lastAt: -1 }, limit: top }),
    articles.find({ views: { $gt: 0 } }, { sort: { views: -1 }, limit: top }),
    articles.find({ links: { $gt: 0 } }, { sort: { links: -1 }, limit: top }),
  ]);
  let helpful = 0;
  let notHelpful = 0;
  for await (const a of articles.stream({ $or: [{ helpful: { $gt: 0 } }, { notHelpful: { $gt: 0 } }] })) (helpful += a.helpful), (notHelpful += a.notHelpful);
  return {
    deflection: { sessionsWithSuggestions: suggested, deflected, filedAnyway: filed, rate: suggested ? deflected / suggested : null },
    helpfulness: { helpful, notHelpful, rate: helpful + notHelpful ? helpful / (helpful + notHelpful) : null },
    topSearchesWithNoResult: noResult.map((m) => ({ query: m.query, language: m.language, count: m.count, lastAt: m.lastAt })),
    mostViewed: mostViewed.map((a) => ({ articleId: a._id, title: titleOf(a), views: a.views })),
    mostLinked: mostLinked.map((a) => ({ articleId: a._id, title: titleOf(a), links: a.links })),
  };
}
