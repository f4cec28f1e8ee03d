import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal';
import { CommonErrors } from '../../common/errors/common.errors';
import type { DirectorySnapshot } from '../operators/directory-snapshot';
import { DirectorySnapshotService } from '../operators/directory-snapshot.service';
import { DomainEventsService } from '../events/domain-events.service';
import { CustomerAccessPolicy, CustomerRef } from './customer-access.policy';
import {
  MASKED_PROFILE_FIELDS,
  PROFILE_FIELDS,
  RECORD_FIELDS,
  RefNames,
  SUMMARY_FIELDS,
  toConcessionDto,
  toCustomerDto,
  toCustomerSummaryDto,
  toPurchaseDto,
  toUsageDto,
} from './customer-mapping';
import { CustomerErrors } from './customers.errors';
import { CustomersRepository, RecordEntities, RecordKind } from './customers.repository';
import { DateWindow, parseDateWindow } from './date-window';
import type { CustomerDto, CustomerSearchPageDto } from './dto/customer.dto';
import type { ConcessionDto, PurchaseDto, UsageDto } from './dto/customer-records.dto';
import type { CustomerSearchQueryDto, OperatorCustomerParamsDto, RecordQueryDto } from './dto/customer-query.dto';
import { kebabCase } from './oti-records';
import { maskCustomer, maskSummary } from './pii-masking';

/** The staff DTO of each record kind. */
export interface RecordDtos {
  purchases: PurchaseDto;
  concessions: ConcessionDto;
  usages: UsageDto;
}

export interface RecordPage<K extends RecordKind> {
  items: RecordDtos[K][];
  total: number;
  page: number;
  pageSize: number;
}

const MAPPERS: { [K in RecordKind]: (row: RecordEntities[K], names: RefNames) => RecordDtos[K] } = {
  purchases: toPurchaseDto,
  concessions: toConcessionDto,
  usages: toUsageDto,
};

const DEFAULT_PAGE_SIZE = 20;

/** Which face served a read (access events say so). */
export type Channel = 'oti' | 'staff';

const refNames = (snapshot: DirectorySnapshot): RefNames => {
  const modes = new Map(snapshot.modes.map((m) => [m.id, m.shortDesc]));
  return {
    mode: (id) => modes.get(id) ?? '',
    operator: (id) => snapshot.byId.get(id)?.dto.name ?? '',
  };
};

/**
 * Customer profiles, records and search for the staff API, and the record reads behind the OTI face. Every read:
 * input syntax first (400), then the access policy (403 CUSTOMER_ACCESS_DENIED, before anything is looked up), then
 * the hosted operator (404 OPERATOR_NOT_FOUND), then the customer (404 CUSTOMER_NOT_FOUND); every answer publishes
 * a `customer.accessed` event. Personal fields are masked for callers without PII access.
 */
@Injectable()
export class CustomersService {
  constructor(
    private readonly repository: CustomersRepository,
    private readonly policy: CustomerAccessPolicy,
    private readonly snapshots: DirectorySnapshotService,
    private readonly events: DomainEventsService,
  ) {}

  async profile(principal: Principal, ref: OperatorCustomerParamsDto): Promise<CustomerDto> {
    const grant = await this.policy.authorizeCustomer(principal, ref, 'profile');
    const snapshot = await this.hostedSnapshot(ref.operatorId);
    const customer = await this.repository.findCustomer(ref.operatorId, ref.customerId);
    if (!customer) throw CustomerErrors.customerNotFound();
    const full = toCustomerDto(customer, refNames(snapshot));
    const dto = grant.pii ? full : maskCustomer(full);
    this.events.publishCustomerAccess(principal, {
      operatorId: ref.operatorId,
      customerId: ref.customerId,
      what: 'profile',
      fields: [...(grant.pii ? PROFILE_FIELDS : MASKED_PROFILE_FIELDS)],
      piiMasked: !grant.pii,
      channel: 'staff',
      count: 1,
    });
    return dto;
  }

  /** A page of one customer's records for the staff API (`from`/`to`, `page`/`pageSize`, with a total). */
  async records<K extends RecordKind>(
    kind: K,
    principal: Principal,
    ref: OperatorCustomerParamsDto,
    query: RecordQueryDto,
  ): Promise<RecordPage<K>> {
    const parsed = parseDateWindow({ from: query.from, to: query.to }, { from: 'from', to: 'to' });
    if (!parsed.window) {
      throw CommonErrors.validationFailed(
        parsed.problems.map((p) => ({ field: p.parameter, constraint: 'isDateWindow', message: p.message })),
      );
    }
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const slice = await this.readRecords(kind, principal, ref, parsed.window, {
      offset: (page - 1) * pageSize,
      limit: pageSize,
      count: true,
      channel: 'staff',
    });
    return { items: slice.items, total: slice.total ?? 0, page, pageSize };
  }

  /**
   * One customer's records of a kind in a window, by offset: the read shared by both faces (the OTI face asks
   * without a count). Checks access, the hosted operator and the customer, and publishes the access event.
   */
  async readRecords<K extends RecordKind>(
    kind: K,
    principal: Principal,
    ref: CustomerRef,
    window: DateWindow,
    page: { offset: number; limit: number; count: boolean; channel: Channel },
  ): Promise<{ items: RecordDtos[K][]; total: number | null }> {
    await this.policy.authorizeCustomer(principal, ref, 'records');
    const snapshot = await this.hostedSnapshot(ref.operatorId);
    const customer = await this.repository.findCustomer(ref.operatorId, ref.customerId);
    if (!customer) throw CustomerErrors.customerNotFound();
    const slice = await this.repository.findRecords(kind, customer.id, window, page);
    const names = refNames(snapshot);
    const map = MAPPERS[kind];
    const items = slice.rows.map((row) => map(row, names));
    this.events.publishCustomerAccess(principal, {
      operatorId: ref.operatorId,
      customerId: ref.customerId,
      what: kind,
      fields: page.channel === 'oti' ? RECORD_FIELDS[kind].map(kebabCase) : [...RECORD_FIELDS[kind]],
      // Records carry no personal fields of the profile: nothing is masked in them.
      piiMasked: false,
      channel: page.channel,
      count: items.length,
    });
    return { items, total: slice.total };
  }

  /** Staff search, scoped to the operators the caller may reach (all hosted ones for admins without operatorId). */
  async search(principal: Principal, query: CustomerSearchQueryDto): Promise<CustomerSearchPageDto> {
    const scope = this.policy.authorizeSearch(principal, query.operatorId);
    const snapshot =
      scope.operators === 'all' ? await this.snapshots.get() : await this.hostedSnapshot(scope.operators[0]);
    const operatorIds =
      scope.operators === 'all'
        ? snapshot.operators.filter((o) => o.dto.accountsHosted).map((o) => o.dto.id)
        : scope.operators;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const result = await this.repository.search({ operatorIds, q: query.q, pageSize, cursor: query.cursor });
    const names = refNames(snapshot);
    const items = result.items.map((row) => {
      const summary = toCustomerSummaryDto(row, names);
      return scope.pii ? summary : maskSummary(summary);
    });
    this.events.publishCustomerAccess(principal, {
      operatorId: query.operatorId ?? null,
      customerId: null,
      what: 'search',
      fields: [...SUMMARY_FIELDS],
      piiMasked: !scope.pii,
      channel: 'staff',
      count: items.length,
      customers: items.map(({ operatorId, customerId }) => ({ operatorId, customerId })),
    });
    return { items, pageSize, nextCursor: result.nextCursor };
  }

  /** The directory snapshot, after checking this hub hosts the operator's accounts (else 404 OPERATOR_NOT_FOUND). */
  private async hostedSnapshot(operatorId: string): Promise<DirectorySnapshot> {
    const snapshot = await this.snapshots.get();
    if (!snapshot.byId.get(operatorId)?.dto.accountsHosted) throw CustomerErrors.operatorNotHosted(operatorId);
    return snapshot;
  }
}
