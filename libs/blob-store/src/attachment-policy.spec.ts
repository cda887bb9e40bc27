import { attachmentRefusal, recordedContentType, safeFilename, servedContentType } from './attachment-policy';
import { sniffContent } from './content-sniffing';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const PDF = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1');
const ZIP = Buffer.from('504b0304140000000800', 'hex');
const PE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]);
const ELF = Buffer.from('7f454c46020101', 'hex');
const text = (s: string) => Buffer.from(s, 'utf8');

describe('sniffing a file by its first bytes', () => {
  it.each([
    ['PNG', PNG, 'image/png', false],
    ['PDF', PDF, 'application/pdf', false],
    ['zip', ZIP, 'application/zip', false],
    ['JPEG', Buffer.from('ffd8ffe000104a464946', 'hex'), 'image/jpeg', false],
    ['WebP', Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]), 'image/webp', false],
    ['MP4', Buffer.concat([Buffer.from('00000018', 'hex'), Buffer.from('ftypmp42')]), 'video/mp4', false],
    ['a Windows program', PE, 'application/vnd.microsoft.portable-executable', true],
    ['an ELF binary', ELF, 'application/x-elf', true],
    ['a Mach-O binary', Buffer.from('cffaedfe07000001', 'hex'), 'application/x-mach-binary', true],
    ['a shell script', text('#!/bin/sh\nrm -rf /'), 'application/x-sh', true],
    ['HTML', text('<!DOCTYPE html><html><body>hi'), 'text/html', true],
    ['HTML after a BOM, spaces and a comment', text('\ufeff  \n<!-- x --> <script>alert(1)</script>'), 'text/html', true],
    ['HTML in UTF-16', Buffer.from('\ufeff<html><script>x</script>', 'utf16le'), 'text/html', true],
    ['SVG', text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'image/svg+xml', true],
    ['SVG behind an XML declaration', text('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/svg+xml', true],
  ])('knows %s', (_label, bytes, type, active) => {
    expect(sniffContent(bytes)).toEqual({ type, active });
  });

  it.each([
    ['plain text', text('The sign-in page says E401.')],
    ['Urdu text', text('میرا پاس ورڈ کام نہیں کر رہا')],
    ['CSV', text('a,b\n1,2')],
    ['nothing', Buffer.alloc(0)],
    ['text mentioning a tag later on', text('Error: the page shows <html> instead of the form')],
  ])('names no format for %s', (_label, bytes) => {
    expect(sniffContent(bytes)).toBeNull();
  });
});

describe('which uploads are refused', () => {
  it.each([
    ['a program by name', 'setup.exe', 'application/octet-stream', Buffer.from('harmless')],
    ['a double extension', 'invoice.pdf.exe', 'application/pdf', PDF],
    ['a trailing dot', 'run.bat.', 'text/plain', text('echo')],
    ['upper case', 'PAGE.HTML', 'text/plain', text('hello')],
    ['a script by name', 'fix.ps1', 'text/plain', text('Get-Item')],
    ['an SVG by name', 'logo.svg', 'image/png', PNG],
    ['HTML by declared type', 'notes.txt', 'text/html; charset=utf-8', text('hello')],
    ['JavaScript by declared type', 'notes', 'application/javascript', text('x')],
    ['a program in disguise', 'screenshot.png', 'image/png', PE],
    ['an ELF in disguise', 'log.txt', 'text/plain', ELF],
    ['HTML in disguise', 'report.pdf', 'application/pdf', text('<html><script>steal()</script>')],
    ['SVG in disguise', 'photo.jpg', 'image/jpeg', text('<svg onload="x()"/>')],
  ])('refuses %s', (_label, filename, declaredType, bytes) => {
    expect(attachmentRefusal({ filename, declaredType, bytes })).toContain(filename);
  });

  it.each([
    ['a screenshot', 'screen.png', 'image/png', PNG],
    ['a PDF', 'invoice.pdf', 'application/pdf', PDF],
    ['a log', 'server.log', 'text/plain', text('ERROR 42')],
    ['a zip of logs', 'logs.zip', 'application/zip', ZIP],
    ['a Word document', 'letter.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ZIP],
    ['an Urdu file name', 'رسید.pdf', 'application/pdf', PDF],
    ['no extension, no type', 'README', undefined, text('read me')],
    ['an empty file', 'empty.txt', 'text/plain', Buffer.alloc(0)],
  ])('takes %s', (_label, filename, declaredType, bytes) => {
    expect(attachmentRefusal({ filename, declaredType, bytes })).toBeNull();
  });
});

describe('the type recorded and the type served', () => {
  it('records what the bytes show over what was declared', () => {
    expect(recordedContentType('image/jpeg', PNG)).toBe('image/png');
    expect(recordedContentType('application/octet-stream', PDF)).toBe('application/pdf');
  });

  it('keeps a declared office type for a zip container, and the declared type of plain text', () => {
    const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    expect(recordedContentType(docx, ZIP)).toBe(docx);
    expect(recordedContentType(undefined, ZIP)).toBe('application/zip');
    expect(recordedContentType('Text/Plain; charset=UTF-8', text('hello'))).toBe('text/plain');
  });

  it('records octet-stream for a malformed declared type and for active content', () => {
    expect(recordedContentType('not a type', text('x'))).toBe('application/octet-stream');
    expect(recordedContentType(undefined, text('x'))).toBe('application/octet-stream');
    expect(recordedContentType('text/plain', text('<html><script>x</script>'))).toBe('application/octet-stream');
  });

  it('serves harmless types as recorded and everything else as octet-stream, never HTML', () => {
    expect(servedContentType('image/png')).toBe('image/png');
    expect(servedContentType('application/pdf')).toBe('application/pdf');
    expect(servedContentType('text/plain')).toBe('text/plain; charset=utf-8');
    for (const risky of ['text/html', 'image/svg+xml', 'application/xhtml+xml', 'text/xml', 'application/javascript', 'message/rfc822', 'text/x-unknown', 'garbage', '']) {
      expect({ risky, served: servedContentType(risky) }).toEqual({ risky, served: 'application/octet-stream' });
    }
  });
});

describe('file names', () => {
  it.each([
    ['C:\\Users\\ayesha\\Desktop\\screen.png', 'screen.png'],
    ['../../etc/passwd', 'passwd'],
    ['  رسید جنوری.pdf  ', 'رسید جنوری.pdf'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['line\r\nbreak.txt', 'linebreak.txt'],
    ['.hidden', 'hidden'],
    ['', 'attachment'],
    [undefined, 'attachment'],
    ['/', 'attachment'],
    ['e\u0301.txt', '\u00e9.txt'],
  ])('%j is recorded as %j', (given, expected) => {
    expect(safeFilename(given)).toBe(expected);
  });

  it('keeps at most 255 characters and the extension', () => {
    const long = `${'ر'.repeat(400)}.pdf`;
    const safe = safeFilename(long);
    expect([...safe]).toHaveLength(255);
    expect(safe.endsWith('.pdf')).toBe(true);
  });
});
