import { getByLabelText, type TextMatcher } from './dom-queries';

/** Types `value` into the control labelled `label` (sets the value and fires `input`, as typing does). */
export function typeInto(container: Element, label: TextMatcher, value: string): void {
  const control = getByLabelText(container, label) as HTMLInputElement;
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true }));
  control.dispatchEvent(new Event('blur'));
}

/** Chooses an option of the native select labelled `label`. */
export function selectOption(container: Element, label: TextMatcher, value: string): void {
  const select = getByLabelText(container, label) as HTMLSelectElement;
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}
