import { DefaultNamingStrategy, NamingStrategyInterface } from 'typeorm';

/** `transactionPrice` → `transaction_price`; `addressLine1` → `address_line1`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[\s.-]+/g, '_')
    .toLowerCase();
}

/**
 * snake_case column names everywhere: properties (`bookingTime` → `booking_time`), embedded columns joined by `_`
 * (`transaction.price.amount` → `transaction_price_amount`) and join columns (`customer` → `customer_id`).
 * A name given explicitly on a column is kept as written (still prefixed inside an embedded).
 * Table and index names are always explicit on the entities.
 */
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  override columnName(propertyName: string, customName: string | undefined, embeddedPrefixes: string[]): string {
    const own = customName ?? snakeCase(propertyName);
    return [...embeddedPrefixes.filter(Boolean).map(snakeCase), own].join('_');
  }

  override joinColumnName(relationName: string, referencedColumnName: string): string {
    return `${snakeCase(relationName)}_${snakeCase(referencedColumnName)}`;
  }

  override joinTableColumnName(tableName: string, propertyName: string, columnName?: string): string {
    return `${snakeCase(tableName)}_${snakeCase(columnName ?? propertyName)}`;
  }
}
