import { Module } from '@nestjs/common';
import { AccountLinkGrants } from '../account-linking/account-link-grants';
import { AccountLinkingModule } from '../account-linking/account-linking.module';
import { AuthModule } from '../auth/auth.module';
import { HistoryModule } from '../history/history.module';
import { OperatorsModule } from '../operators/operators.module';
import { CUSTOMER_GRANT_SOURCES, CustomerAccessPolicy } from './customer-access.policy';
import { CustomersController } from './customers.controller';
import { CustomersRepository } from './customers.repository';
import { CustomersService } from './customers.service';
import { OtiAccountsController } from './oti-accounts.controller';
import { OtiAccountsService } from './oti-accounts.service';

/**
 * Customer accounts of hosted operators: the OTI customer-account face (/api/oti/v1/accounts/{operatorId}) and the
 * staff API (/api/v1/customers, /api/v1/operators/{operatorId}/customers/…), read-only, scoped by
 * CustomerAccessPolicy. Operator names and the hosted flag come from the operators module's directory snapshot; the
 * account-linking module's AccountLinkGrants admits linked accounts (a CustomerGrantSource).
 */
@Module({
  imports: [AuthModule, OperatorsModule, HistoryModule, AccountLinkingModule],
  controllers: [OtiAccountsController, CustomersController],
  providers: [
    CustomerAccessPolicy,
    CustomersRepository,
    CustomersService,
    OtiAccountsService,
    // Accounts linked by a confirmed link (issue 7): the OTI exchange between operators.
    { provide: CUSTOMER_GRANT_SOURCES, useFactory: (links: AccountLinkGrants) => [links], inject: [AccountLinkGrants] },
  ],
  exports: [CustomerAccessPolicy],
})
export class CustomersModule {}
