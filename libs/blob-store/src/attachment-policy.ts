import { sniffContent } from './content-sniffing';

/**
 * Which files the helpdesk takes as attachments, what type it records for them, and what type
 * it serves them with. Two layers, on purpose:
 *  - uploads refuse executables and active content (by name, by declared type, by their bytes);
 *  - whatever was stored (mail attachments are kept as they came) is only ever served as a
 *    download, with its recorded type only when that type cannot run in a browser.
 */

/** Extensions Windows, macOS, Linux or a browser would run or render with script. */
const REFUSED_EXTENSIONS = new Set([
  'exe', 'dll', 'com', 'bat', 'cmd', 'scr', 'pif', 'cpl', 'msi', 'msp', 'mst', 'msc', 'vb', 'vbs', 'vbe', 'js', 'jse', 'mjs', 'cjs',
  'ws', 'wsf', 'wsc', 'wsh', 'ps1', 'ps1xml', 'ps2', 'psc1', 'psm1', 'psd1', 'hta', 'lnk', 'inf', 'reg', 'scf', 'sct', 'jar', 'jnlp',
  'app', 'pkg', 'dmg', 'command', 'sh', 'bash', 'csh', 'ksh', 'zsh', 'run', 'bin', 'elf', 'apk', 'appx', 'msix', 'gadget', 'application',
  'html', 'htm', 'xhtml', 'xht', 'shtml', 'mht', 'mhtml', 'svg', 'svgz', 'xml', 'xsl', 'xslt', 'php', 'phtml', 'asp', 'aspx', 'jsp',
  'swf', 'url', 'website', 'library-ms', 'settingcontent-ms',
]);

const REFUSED_TYPES = [
  /^text\/html$/, /^application\/xhtml\+xml$/, /^image\/svg\+xml$/, /^(text|application)\/(x-)?(java|ecma)script$/, /^text\/xml$/,
  /^application\/xml$/, /^application\/x-(msdownload|msdos-program|executable|elf|mach-binary|sh|csh|bat|msi|ms-shortcut|httpd-php|shockwave-flash)$/,
  /^application\/vnd\.microsoft\.portable-executable$/, /^application\/(java-archive|java-vm|x-java-jnlp-file|hta)$/, /^application\/vnd\.apple\.installer\+xml$/,
];

/** Served with their own type: none of these can run script in a browser. Everything else is application/octet-stream. */
const SERVED_AS_IS = new Set([
  'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp', 'image/tiff', 'image/heic',
  'application/pdf', 'text/plain', 'text/csv', 'application/json',
  'application/zip', 'application/gzip', 'application/x-7z-compressed', 'application/vnd.rar',
  'audio/mpeg', 'audio/ogg', 'audio/wav', 'video/mp4', 'video/webm',
  'application/msword', 'application/vnd.ms-excel', 'application/vnd.ms-powerpoint', 'application/vnd.ms-outlook',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text', 'application/vnd.oasis.opendocument.spreadsheet',
]);

export const OCTET_STREAM = 'application/octet-stream';
const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

/** `type/subtype` in lower case without parameters, or null when it is not one. */
export function normalizeContentType(declared: string | undefined | null): string | null {
  const type = (declared ?? '').split(';')[0].trim().toLowerCase();
  return MIME.test(type) ? type : null;
}

export interface AttachmentCandidate {
  filename: string;
  declaredType?: string | null;
  bytes: Buffer;
}

/** Why an upload is refused (a sentence naming the file), or null when it is taken. */
export function attachmentRefusal({ filename, declaredType, bytes }: AttachmentCandidate): string | null {
  const extension = /\.([^.]+)$/.exec(filename.trim().replace(/[.\s]+$/, ''))?.[1]?.toLowerCase();
  if (extension && REFUSED_EXTENSIONS.has(extension)) {
    return `${filename}: .${extension} files are not accepted as attachments (programs, scripts and web pages could run on whoever opens them).`;
  }
  const declared = normalizeContentType(declaredType);
  if (declared && REFUSED_TYPES.some((t) => t.test(declared))) {
    return `${filename}: files of type ${declared} are not accepted as attachments (programs, scripts and web pages could run on whoever opens them).`;
  }
  const sniffed = sniffContent(bytes);
  if (sniffed?.active) {
    return `${filename}: its content is ${sniffed.type}, whatever its name says; programs, scripts and web pages are not accepted as attachments.`;
  }
  return null;
}

/**
 * The type recorded for an attachment: what its bytes show when they show a definite format
 * (a declared type is a claim, the bytes are not); for the container formats (zip, OLE2), which
 * hold office documents among others, the declared type; else the declared type; else octet-stream.
 */
export function recordedContentType(declaredType: string | undefined | null, bytes: Buffer): string {
  const declared = normalizeContentType(declaredType);
  const sniffed = sniffContent(bytes);
  if (sniffed && !sniffed.active && sniffed.type !== 'application/zip' && sniffed.type !== 'application/x-ole-storage') return sniffed.type;
  if (sniffed && !sniffed.active) return declared && declared !== OCTET_STREAM ? declared : sniffed.type;
  if (sniffed?.active) return OCTET_STREAM;
  return declared ?? OCTET_STREAM;
}

/** The Content-Type an attachment is downloaded with: its recorded type only when that is harmless. */
export function servedContentType(recorded: string): string {
  const type = normalizeContentType(recorded);
  if (!type || !SERVED_AS_IS.has(type)) return OCTET_STREAM;
  return type.startsWith('text/') ? `${type}; charset=utf-8` : type;
}

/**
 * A file name safe to record and show: no directories, no control or bidi-override characters,
 * Unicode NFC, at most 255 characters (keeping the extension); `attachment` when nothing is left.
 */
export function safeFilename(name: string | undefined | null): string {
  const base = (name ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  let clean = base.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\ufeff]/g, '').trim();
  clean = clean.replace(/^\.+/, '').trim();
  if (!clean) return 'attachment';
  const chars = [...clean];
  if (chars.length <= 255) return clean;
  const ext = /\.[^.]{1,16}$/.exec(clean)?.[0] ?? '';
  return chars.slice(0, 255 - [...ext].length).join('') + ext;
}
