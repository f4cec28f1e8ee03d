import type { CustomerDto, CustomerSummaryDto } from './dto/customer.dto';

/**
 * Masking of personal fields for callers without `customer-account:pii` (docs/customers-api.md, "Masking"):
 * email → first character + `***@` + domain, phone → `***` + last two digits, date of birth and address → null.
 */

/** `jane.doe@example.com` → `j***@example.com`; a value without `@` → `***`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 0) return '***';
  const first = Array.from(email.slice(0, at))[0] ?? '';
  return `${first}***@${email.slice(at + 1)}`;
}

/** `07700 900123` → `***23`; null stays null; fewer than two digits → `***`. */
export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null;
  return `***${phone.replace(/\D/g, '').slice(-2)}`;
}

/** A search hit as a caller without PII access sees it: the email masked. */
export function maskSummary(summary: CustomerSummaryDto): CustomerSummaryDto {
  return { ...summary, email: maskEmail(summary.email) };
}

/** A profile as a caller without PII access sees it: email and phone masked, date of birth and address removed. */
export function maskCustomer(profile: CustomerDto): CustomerDto {
  return {
    ...profile,
    email: maskEmail(profile.email),
    phone: maskPhone(profile.phone),
    dateOfBirth: null,
    address: null,
    piiMasked: true,
  };
}
