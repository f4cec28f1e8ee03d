/**
 * Offers `blob` to the user as a download named `filename`, through a temporary object URL (so that nothing
 * secret, such as an access token, has to go into a URL). The object URL is released shortly after.
 */
export function saveFile(document: Document, blob: Blob, filename: string): void {
  const view = document.defaultView;
  if (!view) {
    return;
  }
  const url = view.URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  view.setTimeout(() => view.URL.revokeObjectURL(url), 30_000);
}
