import { type AbstractControl, type ValidationErrors, type ValidatorFn } from '@angular/forms';

/** An http(s) URL, as the server accepts it. */
export function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\/[^\s/?#]+/i.test(value)) {
    return false;
  }
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** 6–20 digits, with spaces, `+`, `(`, `)` and `-` allowed between them. */
export function isPhoneNumber(value: string): boolean {
  if (!/^[\d\s+()-]+$/.test(value)) {
    return false;
  }
  const digits = value.replace(/\D/g, '').length;
  return digits >= 6 && digits <= 20;
}

/** A simple email shape (the server checks properly). */
export function isEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

export function isLanguageCode(value: string): boolean {
  return /^[a-z]{2}$/.test(value);
}

export function isThreeDigitId(value: string): boolean {
  return /^\d{3}$/.test(value);
}

/** The lines of a textarea, trimmed, without blank lines. */
export function linesOf(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/**
 * A validator that checks a non-empty trimmed value with `test` — unless the value is the one the record already
 * had (`unchanged()`): catalogue data predating the rules (homepages without `https://`) can be kept as is.
 */
export function textRule(
  error: string,
  test: (value: string) => boolean,
  unchanged: (value: string) => boolean = () => false,
): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const value = typeof control.value === 'string' ? control.value.trim() : '';
    return value === '' || unchanged(value) || test(value) ? null : { [error]: true };
  };
}

/** Every line must be an http(s) URL. */
export function urlLinesRule(unchanged: (value: string) => boolean = () => false): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const value = typeof control.value === 'string' ? control.value : '';
    return linesOf(value).every((line) => unchanged(line) || isHttpUrl(line)) ? null : { urlLines: true };
  };
}
