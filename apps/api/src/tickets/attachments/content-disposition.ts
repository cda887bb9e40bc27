/**
 * `Content-Disposition: attachment` with the file's name (RFC 6266): an ASCII `filename` for old
 * clients (anything else replaced by `_`) and the exact name as UTF-8 in `filename*` (RFC 8187),
 * so an Urdu name arrives intact.
 */
export function attachmentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%;]/g, '_') || 'attachment';
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
