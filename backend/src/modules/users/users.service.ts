import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { UserPrincipal } from '../../common/auth/principal';
import { isUniqueViolation } from '../../common/errors/database-errors';
import { AuthMailService } from '../auth/auth-mail.service';
import { EmailTokenService } from '../auth/email-token.service';
import { SessionService } from '../auth/session.service';
import { SecurityEventsService } from '../events/security-events.service';
import { Operator } from '../operators/entities/operator.entity';
import { toUserDto, UserDto } from './dto/user.dto';
import { UserPageDto } from './dto/user-page.dto';
import { InviteUserDto, ListUsersQueryDto, UpdateUserDto } from './dto/user-requests.dto';
import { User, UserRole } from './entities/user.entity';
import { UserErrors } from './users.errors';

const DEFAULT_PAGE_SIZE = 20;

/** `%`, `_` and `\` match literally in a LIKE pattern built from user input. */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Staff user administration (admins only): list, invite, change role/operator/name/status. Role and operator binding
 * change only here; disabling a user ends their sessions at once.
 */
@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: EmailTokenService,
    private readonly mail: AuthMailService,
    private readonly sessions: SessionService,
    private readonly events: SecurityEventsService,
  ) {}

  async list(query: ListUsersQueryDto): Promise<UserPageDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const builder = this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .orderBy('u.created_at', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize);
    const q = query.q?.trim();
    if (q) {
      builder.where("(u.email LIKE :q ESCAPE '\\' OR LOWER(u.display_name) LIKE :q ESCAPE '\\')", {
        q: likePattern(q),
      });
    }
    const [users, total] = await builder.getManyAndCount();
    return { items: users.map(toUserDto), total, page, pageSize };
  }

  /** Creates the account without a password and emails a set-password link (72 h). */
  async invite(dto: InviteUserDto, admin: UserPrincipal): Promise<UserDto> {
    const operatorId = await this.checkBinding(dto.role, dto.operatorId ?? null);
    try {
      const user = await this.dataSource.transaction(async (manager) => {
        const users = manager.getRepository(User);
        if (await users.existsBy({ email: dto.email })) throw UserErrors.emailTaken();
        const created = Object.assign(new User(), {
          id: randomUUID(),
          email: dto.email,
          displayName: dto.displayName,
          passwordHash: null,
          role: dto.role,
          operatorId,
          status: 'active' as const,
          verifiedAt: null,
          lastLoginAt: null,
        });
        await users.insert(created);
        await this.mail.sendInvitation(created, await this.tokens.issue(manager, created.id, 'invitation'), manager);
        return this.reload(manager, created.id);
      });
      this.logger.log({ userId: user.id, by: admin.user.id, role: user.role }, 'Invited a user');
      const after = toUserDto(user);
      this.events.publish('user.invited', admin, { entity: 'user', entityId: user.id }, { after });
      return after;
    } catch (error) {
      if (isUniqueViolation(error)) throw UserErrors.emailTaken();
      throw error;
    }
  }

  async update(id: string, dto: UpdateUserDto, admin: UserPrincipal): Promise<UserDto> {
    const users = this.dataSource.getRepository(User);
    const user = await users.findOneBy({ id });
    if (!user) throw UserErrors.notFound();
    const before = toUserDto(user);

    const role = dto.role ?? user.role;
    // Leaving the operator role drops the binding unless the request says otherwise (then it must be null).
    const requestedOperator =
      dto.operatorId !== undefined ? dto.operatorId : role === 'operator' ? user.operatorId : null;
    const changesBinding = role !== user.role || requestedOperator !== user.operatorId;
    const changesStatus = dto.status !== undefined && dto.status !== user.status;
    if (id === admin.user.id && (changesBinding || changesStatus)) throw UserErrors.cannotModifySelf();
    const operatorId = changesBinding ? await this.checkBinding(role, requestedOperator) : user.operatorId;

    const changes: Partial<User> = {};
    if (changesBinding) Object.assign(changes, { role, operatorId });
    if (dto.displayName !== undefined && dto.displayName !== user.displayName) changes.displayName = dto.displayName;
    if (changesStatus) changes.status = dto.status;
    if (Object.keys(changes).length > 0) {
      await users.update({ id }, changes);
      if (changes.status === 'disabled') {
        const ended = await this.sessions.revokeAllForUser(id, 'user-disabled');
        this.logger.log({ userId: id, by: admin.user.id, sessionsEnded: ended }, 'Disabled a user');
      } else {
        await this.sessions.userChanged(id);
      }
      this.logger.log({ userId: id, by: admin.user.id, fields: Object.keys(changes) }, 'Updated a user');
    }
    const after = toUserDto(await this.reload(this.dataSource.manager, id));
    if (Object.keys(changes).length > 0) {
      this.events.publish('user.updated', admin, { entity: 'user', entityId: id }, { before, after });
    }
    return after;
  }

  /** The operator role needs an existing operator; the other roles have none. */
  private async checkBinding(role: UserRole, operatorId: string | null): Promise<string | null> {
    if (role !== 'operator') {
      if (operatorId !== null) throw UserErrors.operatorNotAllowed();
      return null;
    }
    if (operatorId === null) throw UserErrors.operatorRequired();
    if (!(await this.dataSource.getRepository(Operator).existsBy({ id: operatorId })))
      throw UserErrors.unknownOperator();
    return operatorId;
  }

  private reload(manager: EntityManager, id: string): Promise<User> {
    return manager.getRepository(User).findOneByOrFail({ id });
  }
}
