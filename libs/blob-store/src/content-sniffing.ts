/**
 * What a file's first bytes say it is, whatever its name and declared type claim. Only formats
 * with an unambiguous signature are named; anything else is null (plain text cannot be told by
 * its bytes). `active` marks what a browser or an operating system would run: executables,
 * scripts, and markup that can carry script (HTML, SVG, XML).
 */
export interface Sniffed {
  type: string;
  active: boolean;
}

const SIGNATURES: Array<{ type: string; active?: boolean; at?: number; bytes: number[] }> = [
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/gif', bytes: [0x47, 0x49, 0x46, 0x38] },
  { type: 'image/bmp', bytes: [0x42, 0x4d] },
  { type: 'image/tiff', bytes: [0x49, 0x49, 0x2a, 0x00] },
  { type: 'image/tiff', bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { type: 'application/zip', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { type: 'application/zip', bytes: [0x50, 0x4b, 0x05, 0x06] },
  { type: 'application/gzip', bytes: [0x1f, 0x8b] },
  { type: 'application/x-7z-compressed', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { type: 'application/vnd.rar', bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07] },
  // OLE2 compound files: old Word and Excel documents, Outlook .msg, but also Windows installers (refused by name).
  { type: 'application/x-ole-storage', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { type: 'audio/mpeg', bytes: [0x49, 0x44, 0x33] },
  { type: 'audio/ogg', bytes: [0x4f, 0x67, 0x67, 0x53] },
  { type: 'video/mp4', at: 4, bytes: [0x66, 0x74, 0x79, 0x70] },
  // Executables: Windows PE (and DOS), ELF, Mach-O (both byte orders, 32/64-bit), fat Mach-O and Java classes, Windows shortcuts.
  { type: 'application/vnd.microsoft.portable-executable', active: true, bytes: [0x4d, 0x5a] },
  { type: 'application/x-elf', active: true, bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { type: 'application/x-mach-binary', active: true, bytes: [0xfe, 0xed, 0xfa, 0xce] },
  { type: 'application/x-mach-binary', active: true, bytes: [0xfe, 0xed, 0xfa, 0xcf] },
  { type: 'application/x-mach-binary', active: true, bytes: [0xce, 0xfa, 0xed, 0xfe] },
  { type: 'application/x-mach-binary', active: true, bytes: [0xcf, 0xfa, 0xed, 0xfe] },
  { type: 'application/java-vm', active: true, bytes: [0xca, 0xfe, 0xba, 0xbe] },
  { type: 'application/x-ms-shortcut', active: true, bytes: [0x4c, 0x00, 0x00, 0x00, 0x01, 0x14, 0x02, 0x00] },
  { type: 'application/x-sh', active: true, bytes: [0x23, 0x21] },
];

// Markup a browser would parse as a document, after any BOM and leading whitespace or comments.
const MARKUP = /^(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|script|iframe|svg|object|embed|meta|link|style|title|a\s|img\s|div|table|p[\s>]|\?xml|xsl:stylesheet)/i;
const RIFF = [0x52, 0x49, 0x46, 0x46];

export function sniffContent(bytes: Buffer): Sniffed | null {
  for (const s of SIGNATURES) {
    if (startsWith(bytes, s.bytes, s.at ?? 0)) return { type: s.type, active: s.active ?? false };
  }
  if (startsWith(bytes, RIFF, 0)) {
    const form = bytes.subarray(8, 12).toString('latin1');
    if (form === 'WEBP') return { type: 'image/webp', active: false };
    if (form === 'WAVE') return { type: 'audio/wav', active: false };
  }
  const head = textHead(bytes);
  if (MARKUP.test(head)) {
    const type = /^(?:<!--[\s\S]*?-->\s*)*<(?:svg|\?xml[\s\S]*<svg)/i.test(head) ? 'image/svg+xml' : /^(?:<!--[\s\S]*?-->\s*)*<\?xml/i.test(head) ? 'application/xml' : 'text/html';
    return { type, active: true };
  }
  return null;
}

function startsWith(bytes: Buffer, signature: number[], at: number): boolean {
  if (bytes.length < at + signature.length) return false;
  return signature.every((b, i) => bytes[at + i] === b);
}

/** The first KB as text, without a UTF-8/UTF-16 BOM, NULs (UTF-16 ASCII) or leading whitespace. */
function textHead(bytes: Buffer): string {
  let head = bytes.subarray(0, 1024);
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) head = head.subarray(3);
  return head.toString('latin1').replace(/\0/g, '').replace(/^[\ufeff\ufffe\xfe\xff\s]+/, '');
}
