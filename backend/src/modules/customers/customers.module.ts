import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { OperatorsModule } from '../operators/operators.module';
import { CustomerAccessPolicy } from './customer-access.policy';
import { CustomersController } from './customers.controller';
import { CustomersRepository } from './customers.repository';
import { CustomersService } from './customers.service';
import { OtiAccountsController } from './oti-accounts.controller';
import { OtiAccountsService } from './oti-accounts.service';

/**
 * Customer accounts of hosted operators: the OTI customer-account face (/api/oti/v1/accounts/{operatorId}) and the
 * staff API (/api/v1/customers, /api/v1/operators/{operatorId}/customers/…), read-only, scoped by
 * CustomerAccessPolicy. Operator names and the hosted flag come from the operators module's directory snapshot.
 */
@Module({
  imports: [AuthModule, OperatorsModule],
  controllers: [OtiAccountsController, CustomersController],
  providers: [CustomerAccessPolicy, CustomersRepository, CustomersService, OtiAccountsService],
  exports: [CustomerAccessPolicy],
})
export class CustomersModule {}
