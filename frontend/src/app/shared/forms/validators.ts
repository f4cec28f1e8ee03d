import { type AbstractControl, type ValidationErrors, type ValidatorFn, Validators } from '@angular/forms';

/** Valid when the control's value equals its sibling `otherName` (e.g. "confirm password"). */
export function matchesSibling(otherName: string): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const other = control.parent?.get(otherName);
    return !other || other.value === control.value ? null : { mismatch: true };
  };
}

/** `required`, but only while `when(parent)` holds (e.g. operator id when the role is operator). */
export function requiredWhen(when: (parent: AbstractControl) => boolean): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const parent = control.parent;
    if (!parent || !when(parent)) {
      return null;
    }
    const value: unknown = control.value;
    return typeof value === 'string' && value.trim() !== '' ? null : { required: true };
  };
}

/**
 * Angular's `Validators.required`/`email` as arrow functions: passing the static methods themselves
 * trips `@typescript-eslint/unbound-method`.
 */
export const FormValidators = {
  required: (control: AbstractControl): ValidationErrors | null => Validators.required(control),
  email: (control: AbstractControl): ValidationErrors | null => Validators.email(control),
  minLength: (length: number): ValidatorFn => Validators.minLength(length),
} as const;
