import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Authenticated } from '../../../common/decorators/roles.decorator';
import { ErrorResponseDto } from '../../../common/errors/error-response.dto';
import type { ThrottleOutcome } from './budget';
import { QuotaDto } from './dto/quota.dto';
import { ThrottleState } from './throttle-state.decorator';
import { ThrottleService } from './throttle.service';

@ApiTags('me')
@Controller('v1/me')
export class QuotaController {
  constructor(private readonly throttle: ThrottleService) {}

  @Get('quota')
  @Authenticated()
  @ApiOperation({
    summary: "The caller's request budget: this minute and today (UTC), after this request, which counts too",
  })
  @ApiOkResponse({ type: QuotaDto })
  @ApiTooManyRequestsResponse({ type: ErrorResponseDto, description: 'RATE_LIMITED' })
  quota(@ThrottleState() outcome: ThrottleOutcome | null): QuotaDto {
    return this.throttle.quotaOf(outcome);
  }
}
