import { ChangeDetectionStrategy, Component, computed, effect, input, output } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, type ValidatorFn } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';

import { FormValidators } from '../../../shared/forms/validators';
import { type OperatorFormValue, formValueOf } from '../model/operator-changes';
import {
  isEmail,
  isHttpUrl,
  isLanguageCode,
  isThreeDigitId,
  isPhoneNumber,
  linesOf,
  textRule,
  urlLinesRule,
} from '../model/operator-validation';
import {
  type ModeDto,
  OPERATOR_KINDS,
  OPERATOR_KIND_LABELS,
  type OperatorDto,
  type OperatorField,
  type OperatorKind,
} from '../model/operators.model';

/** The form's controls, named after the API fields (so server details map onto them). */
type ControlName = OperatorField;

const MESSAGES: Readonly<Record<string, string>> = {
  required: 'This field is required.',
  operatorId: 'Enter 3 digits, e.g. 031.',
  url: 'Enter a web address starting with http:// or https://.',
  urlLines: 'Each line must be a web address starting with http:// or https://.',
  email: 'Enter a valid email address, e.g. help@example.org.',
  phone: 'Enter a phone number with 6 to 20 digits (spaces, +, ( ) and - allowed).',
  language: 'Enter a 2-letter ISO 639-1 language code in lower case, e.g. en.',
};

function text(validators: ValidatorFn[] = []): FormControl<string> {
  return new FormControl('', { nonNullable: true, validators });
}

/**
 * Creates or edits one operator. Presentational: `editable` names the fields the user may change — the others are
 * shown read-only — and `fieldErrors` carries the server's per-field messages. Emits the normalised form value.
 */
@Component({
  selector: 'app-operator-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButton, MatError, MatFormField, MatHint, MatInput, MatLabel, MatOption, MatSelect],
  template: `
    <form class="app-form" [formGroup]="form" (ngSubmit)="submit()" novalidate [attr.aria-label]="label()">
      <mat-form-field>
        <mat-label>ID</mat-label>
        <input matInput formControlName="id" autocomplete="off" inputmode="numeric" maxlength="3" />
        <mat-hint>3 digits; cannot be changed later</mat-hint>
        <mat-error>{{ errorText('id') }}</mat-error>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Name</mat-label>
        <input matInput formControlName="name" autocomplete="off" />
        <mat-error>{{ errorText('name') }}</mat-error>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Kind</mat-label>
        <select matNativeControl formControlName="kind">
          @for (kind of kinds; track kind) {
            <option [value]="kind">{{ kindLabels[kind] }}</option>
          }
        </select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Homepage</mat-label>
        <input matInput formControlName="homepage" type="url" autocomplete="off" />
        <mat-error>{{ errorText('homepage') }}</mat-error>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Customer-account URL</mat-label>
        <input matInput formControlName="customerAccountUrl" type="url" autocomplete="off" />
        <mat-hint>The operator's OTI customer-account API</mat-hint>
        <mat-error>{{ errorText('customerAccountUrl') }}</mat-error>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Email</mat-label>
        <input matInput formControlName="email" type="email" autocomplete="off" />
        <mat-error>{{ errorText('email') }}</mat-error>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Phone</mat-label>
        <input matInput formControlName="phone" type="tel" autocomplete="off" />
        <mat-error>{{ errorText('phone') }}</mat-error>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Default language</mat-label>
        <input matInput formControlName="defaultLanguage" autocomplete="off" maxlength="2" />
        <mat-hint>ISO 639-1, e.g. en</mat-hint>
        <mat-error>{{ errorText('defaultLanguage') }}</mat-error>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Modes</mat-label>
        <mat-select formControlName="modeIds" multiple>
          @for (mode of modes(); track mode.id) {
            <mat-option [value]="mode.id">{{ mode.shortDesc }}</mat-option>
          }
        </mat-select>
        <mat-error>{{ errorText('modeIds') }}</mat-error>
      </mat-form-field>
      <mat-form-field>
        <mat-label>MIPTA URLs</mat-label>
        <textarea matInput formControlName="miptaUrls" rows="3"></textarea>
        <mat-hint>One per line</mat-hint>
        <mat-error>{{ errorText('miptaUrls') }}</mat-error>
      </mat-form-field>
      @if (error(); as error) {
        <p class="app-alert" role="alert">{{ error }}</p>
      }
      <div class="app-form-actions">
        <button mat-flat-button type="submit" [disabled]="pending()">
          {{ operator() ? 'Save changes' : 'Create operator' }}
        </button>
        <button mat-button type="button" (click)="cancelled.emit()">Cancel</button>
      </div>
    </form>
  `,
  styles: `
    .app-form {
      gap: 0.5rem;
    }
  `,
})
export class OperatorForm {
  /** The operator being edited; null creates a new one. */
  readonly operator = input<OperatorDto | null>(null);
  readonly modes = input.required<readonly ModeDto[]>();
  /** The fields the user may change (others are read-only). */
  readonly editable = input.required<ReadonlySet<OperatorField>>();
  /** The server's messages per field (VALIDATION_FAILED details). */
  readonly fieldErrors = input<Readonly<Record<string, string>>>({});
  readonly pending = input(false);
  readonly error = input<string | null>(null);
  readonly submitted = output<OperatorFormValue>();
  readonly cancelled = output();

  protected readonly kinds = OPERATOR_KINDS;
  protected readonly kindLabels = OPERATOR_KIND_LABELS;
  protected readonly label = computed(() => {
    const operator = this.operator();
    return operator ? `Edit ${operator.name}` : 'New operator';
  });

  /** Values the record already had pass validation unchanged (see textRule). */
  private readonly unchanged = (field: 'homepage' | 'customerAccountUrl' | 'email' | 'phone') => (value: string) =>
    this.operator()?.[field] === value;
  private readonly unchangedMipta = (value: string): boolean => this.operator()?.miptaUrls.includes(value) ?? false;

  protected readonly form = new FormGroup({
    id: text([FormValidators.required, textRule('operatorId', isThreeDigitId)]),
    name: text([FormValidators.required]),
    kind: new FormControl<OperatorKind>('operator', { nonNullable: true }),
    homepage: text([FormValidators.required, textRule('url', isHttpUrl, this.unchanged('homepage'))]),
    customerAccountUrl: text([
      FormValidators.required,
      textRule('url', isHttpUrl, this.unchanged('customerAccountUrl')),
    ]),
    email: text([textRule('email', isEmail, this.unchanged('email'))]),
    phone: text([textRule('phone', isPhoneNumber, this.unchanged('phone'))]),
    defaultLanguage: text([FormValidators.required, textRule('language', isLanguageCode)]),
    modeIds: new FormControl<string[]>([], { nonNullable: true }),
    miptaUrls: text([urlLinesRule(this.unchangedMipta)]),
  });

  constructor() {
    effect(() => {
      const operator = this.operator();
      const value = operator ? formValueOf(operator) : null;
      this.form.reset(
        value
          ? { ...value, modeIds: [...value.modeIds], miptaUrls: value.miptaUrls.join('\n') }
          : { kind: 'operator', defaultLanguage: 'en' },
      );
    });
    effect(() => {
      const editable = this.editable();
      const creating = this.operator() === null;
      for (const [name, control] of Object.entries(this.form.controls)) {
        const enabled = name === 'id' ? creating && editable.has('id') : editable.has(name as ControlName);
        if (enabled) {
          control.enable({ emitEvent: false });
        } else {
          control.disable({ emitEvent: false });
        }
      }
    });
    effect(() => {
      for (const [name, message] of Object.entries(this.fieldErrors())) {
        const control = this.form.get(name);
        if (control) {
          control.setErrors({ ...control.errors, server: message });
          control.markAsTouched();
        }
      }
    });
  }

  /** The message for a control's first error (the server's own message wins). */
  protected errorText(name: ControlName): string {
    const errors = this.form.controls[name].errors;
    if (!errors) {
      return '';
    }
    const server: unknown = errors['server'];
    if (typeof server === 'string') {
      return server;
    }
    const key = Object.keys(errors)[0] ?? '';
    return MESSAGES[key] ?? 'This value is not valid.';
  }

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const raw = this.form.getRawValue();
    this.submitted.emit({
      id: raw.id.trim(),
      name: raw.name.trim(),
      kind: raw.kind,
      homepage: raw.homepage.trim(),
      customerAccountUrl: raw.customerAccountUrl.trim(),
      email: raw.email.trim(),
      phone: raw.phone.trim(),
      defaultLanguage: raw.defaultLanguage.trim(),
      modeIds: raw.modeIds,
      miptaUrls: linesOf(raw.miptaUrls),
    });
  }
}
