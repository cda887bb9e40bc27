import { NotificationRequestedData } from '../notification-events';
import { englishTemplate, ratingBlocks } from './english';
import { formatInstant, ltr, p, quote, Template, TemplateExtras } from './message-blocks';

const SCORE_WORDS = ['بہت ناخوش', 'ناخوش', 'درمیانہ', 'خوش', 'بہت خوش'];

/** The Urdu templates. Customers read them; agent-facing mail is rendered in English (see renderNotification). */
export function urduTemplate(n: NotificationRequestedData, extras: TemplateExtras = {}): Template {
  const v = n.vars;
  const number = ltr(n.ticketNumber);
  const hello = p(`السلام علیکم ${v.recipientName}،`);
  switch (n.kind) {
    case 'acknowledgement':
      return {
        title: `ہمیں آپ کی درخواست موصول ہو گئی ہے: ${v.ticketSubject}`,
        blocks: [
          hello,
          p('ہم سے رابطہ کرنے کا شکریہ۔ ہمیں آپ کی درخواست “', v.ticketSubject, '” موصول ہو گئی ہے اور اسے نمبر ', number, ' دیا گیا ہے۔'),
          p('ہماری ٹیم جلد از جلد جواب دے گی۔ مزید کچھ بتانے کے لیے اس ای میل کا جواب دیں اور عنوان میں ', number, ' رہنے دیں۔'),
        ],
      };
    case 'agent_reply':
      return {
        title: `آپ کی درخواست پر نیا جواب: ${v.ticketSubject}`,
        blocks: [hello, p('ہماری سپورٹ ٹیم نے آپ کی درخواست ', number, ' کا جواب دیا ہے:'), quote(v.body ?? ''), p('جواب دینے کے لیے اس ای میل کا جواب دیں۔')],
      };
    case 'waiting_on_customer':
      return {
        title: `ہمیں آپ کے جواب کا انتظار ہے: ${v.ticketSubject}`,
        blocks: [hello, p('آپ کی درخواست ', number, ' پر کام جاری رکھنے کے لیے ہمیں آپ کے جواب کی ضرورت ہے۔ براہ کرم اس ای میل کا جواب دے کر ہمارے پچھلے پیغام کا جواب دیں۔')],
      };
    case 'resolved':
      return {
        title: `حل ہو گئی، براہ کرم تصدیق کریں: ${v.ticketSubject}`,
        blocks: [
          hello,
          p('ہم نے آپ کی درخواست ', number, ' حل کر دی ہے:'),
          quote(v.resolution ?? ''),
          p('براہ کرم تصدیق کریں کہ اس سے آپ کا مسئلہ حل ہو گیا ہے، یا اگر ایسا نہیں ہے تو اس ای میل کا جواب دیں۔ جواب نہ ملنے پر درخواست بند کر دی جائے گی۔'),
          ...ratingBlocks(extras.ratingLinks, 'ہماری خدمت کیسی رہی؟ درجہ منتخب کریں (ایک صفحہ کھلے گا جہاں آپ تبصرہ شامل کر کے اسے بھیج سکتے ہیں):', SCORE_WORDS),
        ],
      };
    case 'auto_close_reminder':
      return {
        title: `آپ کے جواب کے بغیر جلد بند ہو جائے گی: ${v.ticketSubject}`,
        blocks: [
          hello,
          p('ہم نے آپ کی درخواست ', number, ' حل کر دی تھی اور اس کے بعد آپ کی طرف سے کوئی جواب نہیں آیا۔'),
          p(`جواب نہ ملنے پر یہ ${formatInstant(v.closesAt ?? '', n.timeZone, 'ur-PK')} کو بند کر دی جائے گی۔ اگر مسئلہ حل نہیں ہوا تو اس ای میل کا جواب دیں، ہم کام جاری رکھیں گے۔`),
        ],
      };
    case 'closed':
      return {
        title: `بند کر دی گئی: ${v.ticketSubject}`,
        blocks: [
          hello,
          p(
            'آپ کی درخواست ',
            number,
            v.closeReason === 'no_customer_response' ? ' اب بند کر دی گئی ہے، کیونکہ ہمیں آپ کی طرف سے جواب نہیں ملا۔' : ' اب بند کر دی گئی ہے، کیونکہ آپ نے حل کی تصدیق کر دی ہے۔',
          ),
          p('اگر مسئلہ دوبارہ پیش آئے تو ', number, ' کا حوالہ دے کر ہمیں دوبارہ لکھیں۔'),
        ],
      };
    case 'rule_notice':
      return {
        title: v.noticeSubject || v.ticketSubject,
        blocks: [
          ...(v.recipientName ? [hello] : []),
          p(`خودکار قاعدہ “${v.ruleName ?? ''}” آپ کو ٹکٹ `, number, ' “', v.ticketSubject, '” کے بارے میں یہ پیغام بھیج رہا ہے:'),
          quote(v.body ?? ''),
          p('یہ پیغام قاعدے نے لکھا ہے، کسی شخص نے نہیں۔'),
        ],
      };
    case 'email_verification': {
      const until = formatInstant(v.expiresAt ?? '', n.timeZone, 'ur-PK');
      const forTicket = v.verificationPurpose === 'submit_ticket';
      return {
        title: forTicket ? `براہ کرم اپنی درخواست کی تصدیق کریں: ${v.ticketSubject}` : 'سائن اِن کا لنک اور کوڈ',
        blocks: [
          ...(v.recipientName ? [hello] : []),
          forTicket
            ? p('اپنی درخواست “', v.ticketSubject, '” ہمیں بھیجنے کے لیے یہ لنک کھول کر تصدیق کریں کہ یہ ای میل پتہ آپ کا ہے:')
            : p('ہیلپ ڈیسک میں سائن اِن کرنے کے لیے یہ لنک کھولیں:'),
          p(ltr(v.link ?? '')),
          p('یا یہ کوڈ درج کریں: ', ltr(v.code ?? '')),
          p(`لنک اور کوڈ صرف ایک بار، ${until} تک کام کریں گے۔ اگر آپ نے یہ نہیں مانگا تو اس ای میل کو نظر انداز کر دیں: اس کے بغیر کچھ نہیں ہو گا۔`),
        ],
      };
    }
    default:
      return englishTemplate(n, extras);
  }
}
