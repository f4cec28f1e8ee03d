import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsString, IsUrl, Matches, MaxLength, ValidateBy, ValidationOptions } from 'class-validator';
import { ISO_639_1_CODES } from './iso-639-1';

export const THREE_DIGITS = /^\d{3}$/;
/** Digits, spaces and `+()-` only, with 6 to 20 digits. */
const PHONE_CHARS = /^[0-9 +()-]+$/;

const trim = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** A three-digit OTI id (operator or mode). */
export const IsThreeDigitId = (field: string, options: ValidationOptions = {}) =>
  Matches(THREE_DIGITS, { message: `${field} must be a 3-digit id`, ...options });

/** An absolute http(s) URL with a host, at most 500 characters. */
export const IsHttpUrl = (options: ValidationOptions = {}) =>
  applyDecorators(
    trim(),
    IsUrl(
      { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
      { message: '$property must be an http(s) URL', ...options },
    ),
    MaxLength(500, options),
  );

export function isPhoneNumber(value: unknown): boolean {
  if (typeof value !== 'string' || !PHONE_CHARS.test(value)) return false;
  const digits = value.replace(/\D/g, '').length;
  return digits >= 6 && digits <= 20;
}

/** A phone number (digits, spaces, `+()-`, 6–20 digits), or '' for none. */
export const IsPhoneOrBlank = () =>
  applyDecorators(
    trim(),
    IsString(),
    MaxLength(32),
    ValidateBy({
      name: 'isPhone',
      validator: {
        validate: (value: unknown) => value === '' || isPhoneNumber(value),
        defaultMessage: () => 'phone must hold 6 to 20 digits and only digits, spaces and + ( ) -',
      },
    }),
  );

/** An ISO 639-1 language code (two lower-case letters, e.g. `en`). */
export const IsLanguageCode = () =>
  applyDecorators(
    trim(),
    ValidateBy({
      name: 'isISO6391',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && ISO_639_1_CODES.has(value),
        defaultMessage: () => 'defaultLanguage must be an ISO 639-1 code such as "en"',
      },
    }),
  );

/** Trimmed non-blank text of at most `max` characters. */
export const IsText = (max: number) =>
  applyDecorators(trim(), IsString(), Matches(/\S/, { message: '$property must not be blank' }), MaxLength(max));
