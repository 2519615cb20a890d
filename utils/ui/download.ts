// Saving a file from an extension page: Blob + object URL + <a download>, no permission needed.

/** A file-name-safe form of a name: accents folded, lower case, words joined by `-` ("Société Générale" → "societe-generale"). */
export function fileSlug(name: string, fallback = 'customer'): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || fallback;
}

/** Makes the browser download `text` as `fileName`. */
export function downloadText(fileName: string, text: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started reading the Blob by the next task; free it a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
