import type { ConcessionDto, PurchaseDto, UsageDto } from './dto/customer-records.dto';
import type { OtiConcessionDto, OtiPurchaseDto, OtiUsageDto } from './dto/oti-records.dto';

/**
 * The OTI customer-account face serves the staff record shapes with kebab-case keys, so both faces always agree on
 * content: `travelValidFrom` → `travel-valid-from`, `latLong` → `lat-long`. Only keys change, never values.
 */

/** `numberOfUsages` → `number-of-usages`. */
export function kebabCase(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** A deep copy of a JSON-shaped value (plain objects, arrays, primitives) with every object key in kebab-case. */
export function withKebabKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withKebabKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [kebabCase(key), withKebabKeys(child)]));
  }
  return value;
}

export const toOtiPurchase = (dto: PurchaseDto) => withKebabKeys(dto) as OtiPurchaseDto;
export const toOtiConcession = (dto: ConcessionDto) => withKebabKeys(dto) as OtiConcessionDto;
export const toOtiUsage = (dto: UsageDto) => withKebabKeys(dto) as OtiUsageDto;
