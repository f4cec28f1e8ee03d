import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CustomerSearchParams, CustomerSearchResult, searchCustomers } from './customer-search';
import type { DateWindow } from './date-window';
import { Concession } from './entities/concession.entity';
import { Customer } from './entities/customer.entity';
import { Purchase } from './entities/purchase.entity';
import { Usage } from './entities/usage.entity';

export const RECORD_KINDS = ['purchases', 'concessions', 'usages'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** The entity of each record kind. */
export interface RecordEntities {
  purchases: Purchase;
  concessions: Concession;
  usages: Usage;
}

/**
 * Each kind's table and the property paths of its period (start, end): the window overlaps the period when
 * `start <= window.to AND end >= window.from`. Fixed strings, never input.
 */
const RECORD_SOURCES = {
  purchases: { entity: Purchase, start: 'travelValidFrom', end: 'travelValidTo' },
  concessions: { entity: Concession, start: 'validFrom', end: 'validTo' },
  usages: { entity: Usage, start: 'travelFrom.time', end: 'travelTo.time' },
} as const satisfies Record<RecordKind, { entity: unknown; start: string; end: string }>;

/** A page of records by offset: `total` only when asked for (the OTI face does not count). */
export interface RecordSlice<K extends RecordKind> {
  rows: RecordEntities[K][];
  total: number | null;
}

/**
 * All SQL of the customers module, through TypeORM's query builder with bound parameters only. Callers pass the
 * caller-scoped keys (an operator the access policy allowed, and that operator's customer), never raw input in SQL.
 */
@Injectable()
export class CustomersRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The account `customerId` of `operatorId`, or null. */
  findCustomer(operatorId: string, customerId: string): Promise<Customer | null> {
    return this.dataSource.getRepository(Customer).findOne({ where: { operatorId, customerId } });
  }

  /**
   * One customer's records of a kind overlapping the window (edges included), newest first (start time, then id),
   * from `offset`, at most `limit`.
   */
  async findRecords<K extends RecordKind>(
    kind: K,
    customerPk: number,
    window: DateWindow,
    page: { offset: number; limit: number; count: boolean },
  ): Promise<RecordSlice<K>> {
    const { entity, start, end } = RECORD_SOURCES[kind];
    const builder = this.dataSource
      .getRepository<RecordEntities[K]>(entity)
      .createQueryBuilder('r')
      .where('r.customerPk = :customerPk', { customerPk });
    if (window.to) builder.andWhere(`r.${start} <= :windowTo`, { windowTo: window.to });
    if (window.from) builder.andWhere(`r.${end} >= :windowFrom`, { windowFrom: window.from });
    builder.orderBy(`r.${start}`, 'DESC').addOrderBy('r.id', 'DESC').offset(page.offset).limit(page.limit);
    if (!page.count) return { rows: await builder.getMany(), total: null };
    const [rows, total] = await builder.getManyAndCount();
    return { rows, total };
  }

  /** Staff search (customer-search.ts); `operatorIds` already scoped by the access policy. */
  search(params: CustomerSearchParams): Promise<CustomerSearchResult> {
    return searchCustomers(this.dataSource.manager, params);
  }
}
