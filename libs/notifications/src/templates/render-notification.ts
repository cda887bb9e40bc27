import { NotificationRequestedData } from '../notification-events';
import { TemplateLanguage } from '../notification-kind';
import { englishTemplate } from './english';
import { Block, Run, Template, TemplateExtras } from './message-blocks';
import { urduTemplate } from './urdu';

export interface RenderedNotification {
  /** `[HD-000123] …` */
  subject: string;
  /** Always present: the plain-text part. */
  text: string;
  /** The HTML part: every value escaped; `dir="rtl" lang="ur"` for Urdu. */
  html: string;
  language: TemplateLanguage;
}

const MAX_TITLE = 150;

/** The message a notification becomes, in its recipient's language ('other' was mapped to English when requested). */
export function renderNotification(n: NotificationRequestedData, options: { signature: string } & TemplateExtras): RenderedNotification {
  const language: TemplateLanguage = n.language === 'ur' && n.audience === 'customer' ? 'ur' : 'en';
  const template: Template = language === 'ur' ? urduTemplate(n, options) : englishTemplate(n, options);
  const title = oneLine(template.title);
  const short = title.length > MAX_TITLE ? `${title.slice(0, MAX_TITLE - 1)}…` : title;
  // A mail about no ticket (an address verification) has no number to show.
  const subject = n.ticketNumber ? `[${n.ticketNumber}] ${short}` : short;
  const blocks = [...template.blocks, { paragraph: [`— ${options.signature}`] } as Block];
  return { subject, text: `${blocks.map(blockText).join('\n\n')}\n`, html: html(subject, blocks, language), language };
}

const oneLine = (text: string) => text.replace(/[\r\n\t]+/g, ' ').replace(/\s{2,}/g, ' ').trim();
const runText = (run: Run) => (typeof run === 'string' ? run : run.ltr);
const blockText = (block: Block) =>
  'quote' in block
    ? block.quote.replace(/\r\n?/g, '\n').trim()
    : 'links' in block
      ? block.links.map((l) => `${l.label}: ${l.href}`).join('\n')
      : block.paragraph.map(runText).join('');

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function html(subject: string, blocks: Block[], language: TemplateLanguage): string {
  const dir = language === 'ur' ? 'rtl' : 'ltr';
  const runHtml = (run: Run) => (typeof run === 'string' ? escapeHtml(run) : `<bdi dir="ltr">${escapeHtml(run.ltr)}</bdi>`);
  const body = blocks
    .map((block) =>
      'links' in block
        ? `<p>${block.links.map((l) => `<a href="${escapeHtml(l.href)}" style="display:inline-block;margin:0 .5em .5em 0">${escapeHtml(l.label)}</a>`).join(' ')}</p>`
        : 'quote' in block
        ? `<blockquote dir="auto" style="margin:0 0 1em;padding:0 1em;border-inline-start:3px solid #ccc">${escapeHtml(block.quote.replace(/\r\n?/g, '\n').trim()).replace(/\n/g, '<br>')}</blockquote>`
        : `<p>${block.paragraph.map(runHtml).join('')}</p>`,
    )
    .join('\n');
  return [
    '<!DOCTYPE html>',
    `<html lang="${language}" dir="${dir}">`,
    `<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body><div dir="${dir}" lang="${language}">`,
    body,
    '</div></body>',
    '</html>',
    '',
  ].join('\n');
}
