/**
 * The link target for a URL from the catalogue, or null when it should not be a link. Catalogue homepages are
 * often published without a scheme (`www.gwr.com/`): those get `https://`. Anything with another scheme
 * (`javascript:`, `data:`…) is shown as text only.
 */
export function externalHref(url: string): string | null {
  const value = url.trim();
  if (!value) {
    return null;
  }
  if (/^https?:\/\//i.test(value)) {
    return value;
  }
  if (/^[a-z][a-z\d+.-]*:/i.test(value) || value.startsWith('//')) {
    return null;
  }
  return /^[\w-]+(\.[\w-]+)+([/?#]|$)/.test(value) ? `https://${value}` : null;
}
