import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by hand, PostgreSQL only: SQLite has no trigram indexes and at demo size needs none. The indexes are declared
// on the Customer entity with `synchronize: false`, so the schema builder neither creates nor drops them. They serve
// the two queries of modules/customers/customer-search.ts; see docs/performance.md.
export class CustomerSearchIndexes1795414169634 implements MigrationInterface {
  name = 'CustomerSearchIndexes1795414169634';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Trusted extension (PostgreSQL 13+): a database owner may create it without superuser rights.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    // "name/email contains q": LOWER(col) LIKE '%…%' is answered from trigrams of the lower-cased value.
    await queryRunner.query(
      `CREATE INDEX "idx_customers_name_trgm" ON "customers" USING gin (lower("name") gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_customers_email_trgm" ON "customers" USING gin (lower("email") gin_trgm_ops)`,
    );
    // "q is the customer id": LOWER(customer_id) = LOWER(q).
    await queryRunner.query(`CREATE INDEX "idx_customers_customer_id_lower" ON "customers" (lower("customer_id"))`);
    // The sort order (name, operator, customer id) with every searched column, for index-only ordered scans: all
    // operators, and one operator (whose rows are then in the same order).
    await queryRunner.query(
      `CREATE INDEX "idx_customers_name_order" ON "customers" ("name", "operator_id", "customer_id") INCLUDE ("email")`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_customers_operator_name_order" ON "customers" ("operator_id", "name", "customer_id") INCLUDE ("email")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_customers_operator_name_order"`);
    await queryRunner.query(`DROP INDEX "idx_customers_name_order"`);
    await queryRunner.query(`DROP INDEX "idx_customers_customer_id_lower"`);
    await queryRunner.query(`DROP INDEX "idx_customers_email_trgm"`);
    await queryRunner.query(`DROP INDEX "idx_customers_name_trgm"`);
    // The extension stays: other objects may use it, and dropping it needs more rights than creating it.
  }
}
