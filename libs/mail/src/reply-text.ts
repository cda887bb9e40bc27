/**
 * The new text of a reply, without the history it quotes or the sender's signature. The full
 * message stays available (the raw message is kept); this is what goes on the ticket.
 */
export interface ReplyText {
  text: string;
  /** Whether anything was cut. */
  stripped: boolean;
}

// Lines that start the quoted history: everything from them on is the earlier conversation.
const HISTORY_STARTS: RegExp[] = [
  /^-{2,}\s*Original Message\s*-{2,}\s*$/i, // Outlook, Exchange
  /^-{2,}\s*(Forwarded message|Reply message)\s*-{2,}\s*$/i,
  /^-{2,}\s*اصل پیغام\s*-{2,}\s*$/, // Outlook in Urdu: "Original Message"
  /^_{10,}\s*$/, // Outlook's rule above "From: … Sent: …"
];
// "On <date>, <someone> wrote:" (Gmail, Apple Mail, Thunderbird), which may wrap over up to three lines;
// Gmail in Urdu: "بروز … کو … نے لکھا:".
const ATTRIBUTION_START = /^\s*(On|Am|Le|El|بروز)\s/i;
const ATTRIBUTION_END = /(wrote|schrieb|a écrit|escribió|نے\s+لکھا)\s*[:：]\s*$/i;
// Outlook's header block: "From: …" followed within two lines by "Sent: …" (or Date:), also bold (*From:*) and in Urdu.
const FROM_LINE = /^\s*\**\s*(From|از|منجانب)\s*:\**\s*\S/i;
const SENT_LINE = /^\s*\**\s*(Sent|Date|بھیجا گیا|تاریخ)\s*:\**\s*\S/i;
const SIGNATURE = /^--\s?$/; // "-- " (RFC 3676), and "--" as clients often mangle it
const MOBILE_FOOTERS = /^\s*(Sent from my \w+|Sent from (Mail|Outlook|Yahoo Mail) for \w+|Get Outlook for \w+|میرے (آئی فون|آئی پیڈ|اینڈرائیڈ) سے بھیجا گیا)/i;

export function replyText(text: string): ReplyText {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (HISTORY_STARTS.some((re) => re.test(line.trim())) || SIGNATURE.test(line) || MOBILE_FOOTERS.test(line)) {
      end = i;
      break;
    }
    if (FROM_LINE.test(line) && lines.slice(i + 1, i + 4).some((next) => SENT_LINE.test(next))) {
      end = i;
      break;
    }
    if (isAttribution(lines, i)) {
      end = i;
      break;
    }
  }
  const kept = lines.slice(0, end).filter((line) => !/^\s*>/.test(line));
  const result = kept.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  const original = text.trim();
  if (!result) return { text: original, stripped: false };
  return { text: result, stripped: result !== original };
}

function isAttribution(lines: string[], i: number): boolean {
  const line = lines[i];
  if (ATTRIBUTION_END.test(line) && /نے\s+لکھا/.test(line)) return true;
  if (!ATTRIBUTION_START.test(line)) return false;
  let joined = '';
  for (let j = i; j < Math.min(i + 3, lines.length); j++) {
    if (j > i && !lines[j].trim()) break;
    joined += ` ${lines[j].trim()}`;
    if (ATTRIBUTION_END.test(joined)) return joined.length < 400;
  }
  return false;
}
