import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  accessibleName,
  getByLabelText,
  getByRole,
  getByText,
  queryAllByRole,
  queryByRole,
  queryByText,
  roleOf,
} from './dom-queries';

describe('dom-queries', () => {
  let container: HTMLElement;

  beforeEach(() => {
    container = document.createElement('div');
    container.innerHTML = `
      <header><span>Brand</span></header>
      <nav aria-label="Main">
        <ul>
          <li><a href="/">Home</a></li>
          <li><a href="/a" aria-current="page">Operators <span aria-hidden="true">›</span></a></li>
        </ul>
      </nav>
      <main>
        <section aria-labelledby="t"><h2 id="t">API status</h2><p role="status">API healthy</p></section>
        <h1>Welcome</h1>
        <button type="button" aria-label="Close menu"><svg aria-hidden="true"></svg></button>
        <button type="button">Refresh</button>
        <label for="q">Search</label><input id="q" type="text" />
        <div hidden><button type="button">Hidden</button></div>
      </main>
    `;
    document.body.appendChild(container);
  });

  afterEach(() => {
    container.remove();
  });

  it('resolves implicit and explicit roles', () => {
    expect(roleOf(getByText(container, 'API healthy'))).toBe('status');
    expect(queryAllByRole(container, 'link')).toHaveLength(2);
    expect(getByRole(container, 'navigation', { name: 'Main' }).tagName).toBe('NAV');
    expect(getByRole(container, 'banner').tagName).toBe('HEADER');
    expect(getByRole(container, 'region', { name: 'API status' }).tagName).toBe('SECTION');
  });

  it('computes accessible names from labels, aria attributes and content', () => {
    expect(getByRole(container, 'button', { name: 'Close menu' })).toBeTruthy();
    expect(accessibleName(getByRole(container, 'link', { name: 'Operators' }))).toBe('Operators');
    expect(getByLabelText(container, 'Search').id).toBe('q');
  });

  it('joins inline elements without spaces, as browsers do, but separates block elements', () => {
    const box = document.createElement('div');
    box.innerHTML = `<a href="https://www.gwr.com/"><span>www.</span><wbr /><span>gwr.com/</span></a><button type="button"><div>Save</div><div>all</div></button>`;
    expect(accessibleName(getByRole(box, 'link'))).toBe('www.gwr.com/');
    expect(accessibleName(getByRole(box, 'button'))).toBe('Save all');
  });

  it('filters headings by level', () => {
    expect(getByRole(container, 'heading', { level: 1 }).textContent).toBe('Welcome');
    expect(queryByRole(container, 'heading', { level: 3 })).toBeNull();
  });

  it('ignores hidden elements', () => {
    expect(queryByRole(container, 'button', { name: 'Hidden' })).toBeNull();
    expect(queryByText(container, 'Hidden')).toBeNull();
  });

  it('returns the innermost element matching a text pattern', () => {
    expect(getByText(container, /healthy/).tagName).toBe('P');
  });

  it('explains what is available when a role query fails', () => {
    expect(() => getByRole(container, 'button', { name: 'Nope' })).toThrow(/Close menu/);
    expect(() => queryByRole(container, 'button')).toThrow(/Found 2 elements/);
  });
});
