import { useCallback, useRef, useState } from 'preact/hooks';
import { ApiClient } from '../api/client';
import { ApiProblem } from '../api/problem';
import { StateAnswer } from './audit-types';

/**
 * The ticket's state after each revision, asked of the API (GET /tickets/:id/state?revision=)
 * when a step first needs it and kept: the domain folds, the screen only shows. A failed
 * request is asked again the next time.
 */
export function useTicketStates(api: ApiClient, ticketId: string) {
  const answers = useRef(new Map<number, StateAnswer | ApiProblem>());
  const asked = useRef(new Set<number>());
  const [, answered] = useState(0);

  const want = useCallback(
    (revisions: number[]) => {
      for (const revision of revisions) {
        if (asked.current.has(revision)) continue;
        asked.current.add(revision);
        api
          .query<StateAnswer>(`/tickets/${ticketId}/state`, { revision: String(revision) })
          .then(
            (answer) => answers.current.set(revision, answer),
            (error) => {
              answers.current.set(revision, ApiProblem.of(error));
              asked.current.delete(revision);
            },
          )
          .finally(() => answered((n) => n + 1));
      }
    },
    [api, ticketId],
  );

  return { want, get: (revision: number) => answers.current.get(revision) };
}
