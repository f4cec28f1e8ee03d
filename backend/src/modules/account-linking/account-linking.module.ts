import { Module } from '@nestjs/common';
import { CustomersRepository } from '../customers/customers.repository';
import { OperatorsModule } from '../operators/operators.module';
import { AccountLinkGrants } from './account-link-grants';
import { AccountLinkHousekeepingService } from './account-link-housekeeping.service';
import { AccountLinkMailService } from './account-link-mail.service';
import { AccountLinkingController } from './account-linking.controller';
import { AccountLinkingService } from './account-linking.service';
import { AccountLinksRepository } from './account-links.repository';
import { LinkConfirmationController } from './link-confirmation.controller';
import { LinkConfirmationService } from './link-confirmation.service';

/**
 * Account linking (issue 7, docs/account-linking-api.md): links between customer accounts at two hosted operators,
 * confirmed by the target account's owner through an emailed link. Exports AccountLinkGrants, which the customers
 * module registers with its access policy (the OTI exchange). Reads the linked account's records with the customers
 * module's repository and mapping (same shapes); the mail outbox and domain events are global modules.
 */
@Module({
  imports: [OperatorsModule],
  controllers: [AccountLinkingController, LinkConfirmationController],
  providers: [
    AccountLinksRepository,
    AccountLinkingService,
    LinkConfirmationService,
    AccountLinkMailService,
    AccountLinkHousekeepingService,
    AccountLinkGrants,
    CustomersRepository,
  ],
  exports: [AccountLinkGrants],
})
export class AccountLinkingModule {}
