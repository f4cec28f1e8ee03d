import { Column } from 'typeorm';

/** A postal address, embedded as `address_line1`, `address_line2`, `address_city`, `address_postcode`, `address_country`. */
export class PostalAddress {
  @Column({ type: 'varchar', length: 200, nullable: true })
  line1: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  line2: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  city: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  postcode: string | null;

  /** ISO 3166-1 alpha-2, e.g. 'GB'. */
  @Column({ type: 'varchar', length: 2, nullable: true })
  country: string | null;
}
