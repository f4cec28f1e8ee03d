import { AccountLinkToken } from '../modules/account-linking/entities/account-link-token.entity';
import { AccountLink } from '../modules/account-linking/entities/account-link.entity';
import { ApiClient } from '../modules/api-clients/entities/api-client.entity';
import { AuditChainState } from '../modules/audit/entities/audit-chain-state.entity';
import { AuditRecord } from '../modules/audit/entities/audit-record.entity';
import { AuditSpoolCursor } from '../modules/audit/entities/audit-spool-cursor.entity';
import { EmailToken } from '../modules/auth/entities/email-token.entity';
import { LoginThrottle } from '../modules/auth/entities/login-throttle.entity';
import { RotatedRefreshToken } from '../modules/auth/entities/rotated-refresh-token.entity';
import { Session } from '../modules/auth/entities/session.entity';
import { Concession } from '../modules/customers/entities/concession.entity';
import { Customer } from '../modules/customers/entities/customer.entity';
import { Purchase } from '../modules/customers/entities/purchase.entity';
import { Usage } from '../modules/customers/entities/usage.entity';
import { Favourite } from '../modules/history/entities/favourite.entity';
import { QueryHistoryEntry } from '../modules/history/entities/query-history-entry.entity';
import { OutboxMessage } from '../modules/mail/entities/outbox-message.entity';
import { DirectoryVersion } from '../modules/operators/entities/directory-version.entity';
import { Mode } from '../modules/operators/entities/mode.entity';
import { OperatorMiptaUrl } from '../modules/operators/entities/operator-mipta-url.entity';
import { OperatorMode } from '../modules/operators/entities/operator-mode.entity';
import { Operator } from '../modules/operators/entities/operator.entity';
import { IpAllow } from '../modules/security/ip-rules/entities/ip-allow.entity';
import { IpBlock } from '../modules/security/ip-rules/entities/ip-block.entity';
import { User } from '../modules/users/entities/user.entity';

/** An entity class (a constructor TypeORM can instantiate). */
export type EntityClass = new () => object;

// Every TypeORM entity of the app, in one list (DataSource options and the migration drift test use it).
export const ENTITIES: EntityClass[] = [
  Mode,
  Operator,
  OperatorMode,
  OperatorMiptaUrl,
  DirectoryVersion,
  Customer,
  Purchase,
  Concession,
  Usage,
  User,
  OutboxMessage,
  Session,
  RotatedRefreshToken,
  EmailToken,
  LoginThrottle,
  ApiClient,
  AuditRecord,
  AuditChainState,
  AuditSpoolCursor,
  IpBlock,
  IpAllow,
  AccountLink,
  AccountLinkToken,
  QueryHistoryEntry,
  Favourite,
];
