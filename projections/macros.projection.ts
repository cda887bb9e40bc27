import { MACRO_EVENT_TYPES, MACRO_STREAM_PREFIX, MacroContent, MacroEvent, evolveMacro } from '@helpdesk/automation';
import { StoredEvent } from '@helpdesk/event-store';
import { Projection, ProjectionUnitOfWork } from '@helpdesk/projection-engine';
import { Doc } from '@helpdesk/read-store';

export const MACROS = 'macros';

/** A document of `macros`: a canned reply with field changes, as agents pick it. */
export interface MacroView extends Doc {
  name: string;
  version: number;
  content: MacroContent;
  retired: boolean;
  updatedAt: string;
  updatedBy: string | null;
  revision: number;
}

const TYPES = new Set<string>(MACRO_EVENT_TYPES);

/** `macros`: every macro, its current version, retired ones kept (marked). */
export function macrosProjection(): Projection {
  return {
    name: MACROS,
    version: 1,
    collections: [{ name: MACROS, indexes: [{ name: 'retired_name', keys: [['retired', 1], ['name', 1]] }] }],
    async apply(stored: StoredEvent, uow: ProjectionUnitOfWork) {
      if (!stored.streamId.startsWith(MACRO_STREAM_PREFIX) || !TYPES.has(stored.type)) return;
      const id = stored.streamId.slice(MACRO_STREAM_PREFIX.length);
      const event = { type: stored.type, data: stored.data } as MacroEvent;
      const at = (stored.metadata.occurredAt as string | undefined) ?? stored.recordedAt.toISOString();
      const by = (stored.metadata.actor as { id?: string } | undefined)?.id ?? null;
      await uow.update<MacroView>(MACROS, id, stored, (doc) => {
        const next = evolveMacro(doc && { id, version: doc.version, content: doc.content, retired: doc.retired }, event);
        return next ? { _id: id, name: next.content.name, version: next.version, content: next.content, retired: next.retired, updatedAt: at, updatedBy: by, revision: stored.revision } : undefined;
      });
    },
  };
}
