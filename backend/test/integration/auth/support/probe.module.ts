import { Controller, Get, Module } from '@nestjs/common';
import type { Principal } from '../../../../src/common/auth/principal';
import { CurrentPrincipal } from '../../../../src/common/decorators/current-principal.decorator';
import { Roles, Authenticated } from '../../../../src/common/decorators/roles.decorator';
import { Scopes } from '../../../../src/common/decorators/scopes.decorator';

/** Routes that exist only in the auth tests, to drive the guard's rules through the real app. */
@Controller('test-only/auth-probe')
class AuthProbeController {
  @Get('operator-info')
  @Scopes('operator-info:read')
  @Roles('admin', 'operator', 'viewer')
  operatorInfo(@CurrentPrincipal() principal: Principal) {
    return principal.kind === 'user'
      ? { kind: 'user', role: principal.user.role }
      : { kind: 'apiClient', id: principal.client.id };
  }

  @Get('customers')
  @Scopes('customer-account:read')
  customers(@CurrentPrincipal() principal: Principal) {
    return { kind: principal.kind };
  }

  @Get('staff')
  @Authenticated()
  staff() {
    return { ok: true };
  }

  /** Declares nothing: must be refused to everyone. */
  @Get('undeclared')
  undeclared() {
    return { leaked: true };
  }
}

@Module({ controllers: [AuthProbeController] })
export class AuthProbeModule {}
