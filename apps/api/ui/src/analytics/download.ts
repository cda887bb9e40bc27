/** Hands `text` to the browser as a file download (the API needs a bearer, so a plain link cannot fetch it). */
export function saveFile(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // Revoked later, not at once: the browser reads the blob after this click returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
