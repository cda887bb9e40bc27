import { Category, CATEGORIES, Priority, PRIORITIES, requireTags } from '@helpdesk/ticketing';
import { invalidMacro } from './macro-error';

/** The placeholders a macro's reply may use, filled in from the ticket when it is applied. */
export const MACRO_PLACEHOLDERS = ['customer.name', 'ticket.number', 'ticket.subject', 'agent.name'] as const;
export type MacroPlaceholder = (typeof MACRO_PLACEHOLDERS)[number];

export const MACRO_NAME_MAX = 100;
export const MACRO_REPLY_MAX = 20_000;

/** What a macro does to a ticket in one step: a reply (English, and Urdu for Urdu-speaking customers) and field changes. */
export interface MacroContent {
  name: string;
  /** Null: a macro of field changes only. */
  reply: { en: string; ur: string | null } | null;
  /** `public`: a reply the customer gets; `internal`: a note for agents. */
  visibility: 'public' | 'internal';
  changes: { priority: Priority | null; category: Category | null; addTags: string[]; removeTags: string[] };
}

const PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g;

/** The content as stored: trimmed, tags normalised; throws invalid naming what is wrong. */
export function validMacroContent(input: MacroContent): MacroContent {
  const name = input.name?.trim() ?? '';
  if (!name || name.length > MACRO_NAME_MAX) throw invalidMacro(`name: 1-${MACRO_NAME_MAX} characters.`);
  const en = input.reply?.en?.trim() ?? '';
  const ur = input.reply?.ur?.trim() || null;
  if (input.reply && !en) throw invalidMacro('reply.en: a reply needs its English text (Urdu is optional).');
  for (const [field, text] of [['reply.en', en], ['reply.ur', ur ?? '']] as const) {
    if (text.length > MACRO_REPLY_MAX) throw invalidMacro(`${field}: at most ${MACRO_REPLY_MAX} characters.`);
    for (const [, placeholder] of text.matchAll(PLACEHOLDER)) {
      if (!(MACRO_PLACEHOLDERS as readonly string[]).includes(placeholder)) {
        throw invalidMacro(`${field}: {{${placeholder}}} is not a placeholder; use ${MACRO_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}.`);
      }
    }
  }
  if (input.visibility !== 'public' && input.visibility !== 'internal') throw invalidMacro('visibility: public or internal.');
  const { priority = null, category = null } = input.changes ?? {};
  if (priority !== null && !PRIORITIES.includes(priority)) throw invalidMacro(`changes.priority: one of ${PRIORITIES.join(', ')}.`);
  if (category !== null && !CATEGORIES.includes(category)) throw invalidMacro(`changes.category: one of ${CATEGORIES.join(', ')}.`);
  const tags = (field: string, raw: string[] | undefined) => {
    try {
      return requireTags(raw ?? [], field);
    } catch (error) {
      throw invalidMacro((error as Error).message);
    }
  };
  const addTags = tags('changes.addTags', input.changes?.addTags);
  const removeTags = tags('changes.removeTags', input.changes?.removeTags);
  const both = addTags.find((t) => removeTags.includes(t));
  if (both) throw invalidMacro(`changes: "${both}" cannot be both added and removed.`);
  const reply = input.reply ? { en, ur } : null;
  if (!reply && priority === null && category === null && addTags.length === 0 && removeTags.length === 0) throw invalidMacro('A macro needs a reply or a change to make.');
  return { name, reply, visibility: input.visibility, changes: { priority, category, addTags, removeTags } };
}

/** The reply in the customer's language (English when there is no Urdu text), its placeholders filled. */
export function renderMacroReply(reply: NonNullable<MacroContent['reply']>, language: string, values: Record<MacroPlaceholder, string>): string {
  const text = language === 'ur' && reply.ur ? reply.ur : reply.en;
  return text.replace(PLACEHOLDER, (_, name: MacroPlaceholder) => values[name] ?? '');
}
