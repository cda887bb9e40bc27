import { ApiProblem } from '../api/problem';
import { Translate } from '../i18n/i18n';

/** A problem as one sentence for the agent: the API names it; the network and 403 cases are ours. */
export function problemText(t: Translate, error: unknown): string {
  const problem = ApiProblem.of(error);
  if (problem.status === 0) return t('error.network');
  if (problem.status === 403) return problem.detail || t('error.forbidden');
  return problem.detail ? t('error.problem', { title: problem.title, detail: problem.detail }) : problem.title;
}
