/**
 * Minimal, dependency-free DOM queries in the spirit of Testing Library: find elements the way
 * a user (or assistive technology) does — by ARIA role and accessible name, by label or by
 * visible text — never by CSS class.
 *
 * Only the subset of implicit roles and of the accessible-name algorithm the app needs is
 * implemented; extend it when a spec needs more.
 */

export type Role =
  | 'alert'
  | 'alertdialog'
  | 'banner'
  | 'button'
  | 'cell'
  | 'checkbox'
  | 'columnheader'
  | 'combobox'
  | 'dialog'
  | 'form'
  | 'heading'
  | 'link'
  | 'list'
  | 'listbox'
  | 'listitem'
  | 'main'
  | 'menu'
  | 'menuitem'
  | 'navigation'
  | 'option'
  | 'progressbar'
  | 'region'
  | 'row'
  | 'search'
  | 'status'
  | 'tab'
  | 'table'
  | 'tablist'
  | 'tabpanel'
  | 'textbox';

export interface RoleQueryOptions {
  /** Accessible name: exact string (whitespace-normalised) or a pattern. */
  readonly name?: string | RegExp;
  /** Heading level (only for `heading`). */
  readonly level?: number;
}

export type TextMatcher = string | RegExp;

const HEADING_TAGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
const TEXTBOX_INPUT_TYPES = new Set(['', 'text', 'email', 'search', 'tel', 'url']);
// A search field is a searchbox in ARIA; the pages query it as a textbox by label, which is what matters here.

function normalise(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

function matches(actual: string, expected: TextMatcher): boolean {
  return typeof expected === 'string' ? actual === normalise(expected) : expected.test(actual);
}

function isHidden(element: Element): boolean {
  return element.closest('[hidden], [aria-hidden="true"]') !== null;
}

function implicitRole(element: Element): Role | null {
  const tag = element.tagName;
  if (HEADING_TAGS.has(tag)) {
    return 'heading';
  }
  switch (tag) {
    case 'A':
      return element.hasAttribute('href') ? 'link' : null;
    case 'BUTTON':
      return 'button';
    case 'INPUT': {
      const type = (element.getAttribute('type') ?? '').toLowerCase();
      if (type === 'button' || type === 'submit' || type === 'reset') {
        return 'button';
      }
      if (type === 'checkbox') {
        return 'checkbox';
      }
      return TEXTBOX_INPUT_TYPES.has(type) ? 'textbox' : null;
    }
    case 'TEXTAREA':
      return 'textbox';
    case 'SELECT':
      return 'combobox';
    case 'TABLE':
      return 'table';
    case 'TR':
      return 'row';
    case 'TH':
      return 'columnheader';
    case 'TD':
      return 'cell';
    case 'DIALOG':
      return 'dialog';
    case 'FORM':
      return element.hasAttribute('aria-label') || element.hasAttribute('aria-labelledby') ? 'form' : null;
    case 'NAV':
      return 'navigation';
    case 'MAIN':
      return 'main';
    case 'HEADER':
      return element.closest('article, aside, main, nav, section') === null ? 'banner' : null;
    case 'UL':
    case 'OL':
      return 'list';
    case 'LI':
      return 'listitem';
    case 'OUTPUT':
      return 'status';
    case 'SECTION':
      return element.hasAttribute('aria-label') || element.hasAttribute('aria-labelledby') ? 'region' : null;
    default:
      return null;
  }
}

/** The element's role: an explicit `role` attribute wins over the implicit one. */
export function roleOf(element: Element): string | null {
  const explicit = element.getAttribute('role');
  return explicit ? (explicit.split(/\s+/)[0] ?? null) : implicitRole(element);
}

/** Phrasing elements: browsers join their text without a space (`<span>www.</span><wbr><span>gwr.com</span>`). */
const INLINE_TAGS = new Set([
  'A',
  'ABBR',
  'B',
  'CODE',
  'EM',
  'I',
  'MARK',
  'SMALL',
  'SPAN',
  'STRONG',
  'SUB',
  'SUP',
  'WBR',
]);

function visibleText(element: Element): string {
  let text = '';
  for (const node of Array.from(element.childNodes)) {
    if (node.nodeType === node.TEXT_NODE) {
      text += node.textContent ?? '';
    } else if (node instanceof Element && node.getAttribute('aria-hidden') !== 'true') {
      const separator = INLINE_TAGS.has(node.tagName) ? '' : ' ';
      text += `${separator}${visibleText(node)}${separator}`;
    }
  }
  return text;
}

function textOfIds(root: Document, ids: string): string {
  return ids
    .split(/\s+/)
    .map((id) => root.getElementById(id))
    .filter((el): el is HTMLElement => el !== null)
    .map((el) => visibleText(el))
    .join(' ');
}

/** Simplified accessible name: aria-labelledby, aria-label, associated label, then content. */
export function accessibleName(element: Element): string {
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy) {
    return normalise(textOfIds(element.ownerDocument, labelledBy));
  }
  const ariaLabel = element.getAttribute('aria-label');
  if (ariaLabel) {
    return normalise(ariaLabel);
  }
  if (
    element instanceof HTMLInputElement ||
    element instanceof HTMLTextAreaElement ||
    element instanceof HTMLSelectElement
  ) {
    const labels = Array.from(element.labels ?? []);
    return normalise(labels.map((label) => visibleText(label)).join(' '));
  }
  return normalise(visibleText(element));
}

function headingLevel(element: Element): number | null {
  const ariaLevel = element.getAttribute('aria-level');
  if (ariaLevel) {
    return Number(ariaLevel);
  }
  return HEADING_TAGS.has(element.tagName) ? Number(element.tagName.slice(1)) : null;
}

function describe(role: string, options: RoleQueryOptions): string {
  const parts = [`role "${role}"`];
  if (options.name !== undefined) {
    parts.push(`name ${String(options.name)}`);
  }
  if (options.level !== undefined) {
    parts.push(`level ${options.level}`);
  }
  return parts.join(', ');
}

export function queryAllByRole(container: Element, role: Role, options: RoleQueryOptions = {}): HTMLElement[] {
  return Array.from(container.querySelectorAll<HTMLElement>('*')).filter(
    (element) =>
      !isHidden(element) &&
      roleOf(element) === role &&
      (options.level === undefined || headingLevel(element) === options.level) &&
      (options.name === undefined || matches(accessibleName(element), options.name)),
  );
}

export function queryByRole(container: Element, role: Role, options: RoleQueryOptions = {}): HTMLElement | null {
  const found = queryAllByRole(container, role, options);
  if (found.length > 1) {
    throw new Error(`Found ${found.length} elements with ${describe(role, options)}`);
  }
  return found[0] ?? null;
}

export function getByRole(container: Element, role: Role, options: RoleQueryOptions = {}): HTMLElement {
  const found = queryByRole(container, role, options);
  if (!found) {
    const available = queryAllByRole(container, role)
      .map((el) => `"${accessibleName(el)}"`)
      .join(', ');
    throw new Error(`No element with ${describe(role, options)}. Elements with that role: ${available || 'none'}`);
  }
  return found;
}

/** All visible elements whose own text (including descendants) matches, deepest first wins. */
export function queryAllByText(container: Element, text: TextMatcher): HTMLElement[] {
  const candidates = Array.from(container.querySelectorAll<HTMLElement>('*')).filter(
    (element) => !isHidden(element) && matches(normalise(visibleText(element)), text),
  );
  // Keep only the innermost matches so a paragraph and its wrapping card do not both count.
  return candidates.filter((element) => !candidates.some((other) => other !== element && element.contains(other)));
}

export function getByText(container: Element, text: TextMatcher): HTMLElement {
  const found = queryAllByText(container, text);
  if (found.length !== 1) {
    throw new Error(`Expected one element with text ${String(text)}, found ${found.length}`);
  }
  return found[0];
}

export function queryByText(container: Element, text: TextMatcher): HTMLElement | null {
  const found = queryAllByText(container, text);
  if (found.length > 1) {
    throw new Error(`Expected at most one element with text ${String(text)}, found ${found.length}`);
  }
  return found[0] ?? null;
}

/** The form control labelled by `text` (via <label for>, wrapping label, aria-label(ledby)). */
export function getByLabelText(container: Element, text: TextMatcher): HTMLElement {
  const found = Array.from(container.querySelectorAll<HTMLElement>('input, textarea, select, [role="textbox"]')).filter(
    (element) => !isHidden(element) && matches(accessibleName(element), text),
  );
  if (found.length !== 1) {
    throw new Error(`Expected one control labelled ${String(text)}, found ${found.length}`);
  }
  return found[0];
}
