import { Check, Column, Entity, Index, OneToMany, PrimaryColumn, Relation } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../../../database/columns';
import { OperatorMiptaUrl } from './operator-mipta-url.entity';
import { OperatorMode } from './operator-mode.entity';

export const OPERATOR_KINDS = ['operator', 'maas'] as const;
/** A transport operator, or a MaaS (mobility as a service) platform that resells other operators' travel. */
export type OperatorKind = (typeof OPERATOR_KINDS)[number];

/**
 * An entry of the OTI operator catalogue (PAS 212 item). Email and phone are '' when the catalogue has none:
 * blanks are kept as blanks, never invented.
 */
@Entity('operators')
@Check('chk_operators_kind', `"kind" IN ('operator', 'maas')`)
export class Operator {
  /** Three-digit OTI operator id, e.g. '029'. */
  @PrimaryColumn({ type: 'varchar', length: 3 })
  id: string;

  @Index('idx_operators_name')
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 16, default: 'operator' })
  kind: OperatorKind;

  /** As published in the catalogue (often without a scheme, e.g. `www.gwr.com/`). */
  @Column({ type: 'varchar', length: 500, default: '' })
  homepage: string;

  /** The operator's own OTI customer-account API (the catalogue item `href`). */
  @Column({ type: 'varchar', length: 500 })
  customerAccountUrl: string;

  /**
   * True when this hub serves the operator's customer accounts (OTI customer-account API under
   * `/api/oti/v1/accounts/{id}`): the catalogue `href` then points here instead of `customerAccountUrl`.
   */
  @Column({ type: 'boolean', default: false })
  accountsHosted: boolean;

  @Column({ type: 'varchar', length: 254, default: '' })
  email: string;

  @Column({ type: 'varchar', length: 32, default: '' })
  phone: string;

  /** ISO 639-1 code, e.g. 'en'. */
  @Column({ type: 'varchar', length: 8, default: 'en' })
  defaultLanguage: string;

  /** Modes the operator runs, in catalogue order (sort by `position`). */
  @OneToMany(() => OperatorMode, (m) => m.operator, { cascade: true })
  modes: Relation<OperatorMode>[];

  /** MIPTA (Mobile Interface for Public Transport Assets) URLs, in catalogue order (sort by `position`). */
  @OneToMany(() => OperatorMiptaUrl, (u) => u.operator, { cascade: true })
  miptaUrls: Relation<OperatorMiptaUrl>[];

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
