import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal';
import type { RecordKind } from './customers.repository';
import { CustomersService } from './customers.service';
import type { OtiConcessionDto, OtiPurchaseDto, OtiUsageDto } from './dto/oti-records.dto';
import type { OtiRecordQuery } from './oti-record-query';
import { toOtiConcession, toOtiPurchase, toOtiUsage } from './oti-records';

/**
 * The OTI customer-account face (`/api/oti/v1/accounts/{operatorId}/purchase|concession|usage`): the staff record
 * reads by offset (`skip`, `limit`, no total), answered as plain arrays with kebab-case keys.
 */
@Injectable()
export class OtiAccountsService {
  constructor(private readonly customers: CustomersService) {}

  async purchases(principal: Principal, query: OtiRecordQuery): Promise<OtiPurchaseDto[]> {
    return (await this.read('purchases', principal, query)).map(toOtiPurchase);
  }

  async concessions(principal: Principal, query: OtiRecordQuery): Promise<OtiConcessionDto[]> {
    return (await this.read('concessions', principal, query)).map(toOtiConcession);
  }

  async usages(principal: Principal, query: OtiRecordQuery): Promise<OtiUsageDto[]> {
    return (await this.read('usages', principal, query)).map(toOtiUsage);
  }

  private async read<K extends RecordKind>(kind: K, principal: Principal, q: OtiRecordQuery) {
    const { items } = await this.customers.readRecords(
      kind,
      principal,
      { operatorId: q.operatorId, customerId: q.customerId },
      q.window,
      { offset: q.skip, limit: q.limit, count: false, channel: 'oti' },
    );
    return items;
  }
}
