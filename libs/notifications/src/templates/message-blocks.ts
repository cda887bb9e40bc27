/** A run of text; `ltr` marks left-to-right pieces (ticket numbers, addresses) inside right-to-left text. */
export type Run = string | { ltr: string };

/** A template's body: paragraphs of runs, and quoted text as people wrote it (a reply, a resolution). */
export type Block = { paragraph: Run[] } | { quote: string } | { links: Link[] };

/** A link in a mail: its words and where it goes (shown in full in the plain-text part). */
export interface Link {
  label: string;
  href: string;
}

/** What a template may need beyond the notification: links made when the mail is sent (signed, not stored). */
export interface TemplateExtras {
  /** Five rating links, for scores 1 to 5 (resolved). */
  ratingLinks?: string[];
}

export interface Template {
  /** The subject after the ticket number. */
  title: string;
  blocks: Block[];
}

export const p = (...runs: Run[]): Block => ({ paragraph: runs });
export const quote = (text: string): Block => ({ quote: text });
export const ltr = (text: string): Run => ({ ltr: text });
export const links = (items: Link[]): Block => ({ links: items });

/** Times as the recipient reads them: in their zone, with the zone named. */
export function formatInstant(iso: string, timeZone: string, locale: 'en-PK' | 'ur-PK'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let zone = timeZone;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    zone = 'UTC';
  }
  const text = new Intl.DateTimeFormat(locale, { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' }).format(date);
  return `${text} (${zone})`;
}
