import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/decorators/public.decorator';
import { HealthResponseDto } from './dto/health-response.dto';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Liveness and database reachability, for load balancers and monitoring',
    description:
      'The database is pinged (`SELECT 1`) at most once per second; calls in between get the last result, so a ' +
      'database outage shows here within a second, and frequent health checks cost no database work.',
  })
  @ApiOkResponse({ type: HealthResponseDto, description: 'The service and its database are up' })
  @ApiServiceUnavailableResponse({ type: HealthResponseDto, description: 'The database does not answer' })
  async get(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthResponseDto> {
    const report = await this.health.check();
    reply.statusCode = report.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE;
    return report;
  }
}
