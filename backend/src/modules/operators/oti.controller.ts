import { Controller, Get } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../../common/decorators/roles.decorator';
import { Scopes } from '../../common/decorators/scopes.decorator';
import { ErrorResponseDto } from '../../common/errors/error-response.dto';
import { OtiCatalogueDto, OtiModeDto } from './dto/oti.dto';
import type { OtiCatalogue, OtiMode } from './oti-catalogue';
import { OtiQuery } from './oti-query.decorator';
import { OtiService } from './oti.service';
import { CachedFromSnapshot } from './snapshot-response-cache';

const badInput = ApiBadRequestResponse({
  type: ErrorResponseDto,
  description: 'BAD_INPUT_PARAMETER: unknown or repeated query parameter',
});

/** OTI Centralised Operator-info API 1.1.0 (the standard face). Staff JWT or an API key with operator-info:read. */
@ApiTags('OTI operator-info')
@Controller('oti/v1')
@Authenticated()
@Scopes('operator-info:read')
@CachedFromSnapshot()
export class OtiController {
  constructor(private readonly oti: OtiService) {}

  @Get('mode')
  @ApiOperation({ summary: 'The OTI transport modes', operationId: 'getMode' })
  @ApiOkResponse({ type: [OtiModeDto] })
  @badInput
  modes(@OtiQuery([]) _query: Record<string, string>): Promise<OtiMode[]> {
    return this.oti.modes();
  }

  @Get('operator')
  @ApiOperation({
    summary: 'Registered operators as one PAS 212 catalogue',
    description:
      'filterString: a 3-digit id matches that operator only; other text matches the name or any metadata value (case-insensitive).',
    operationId: 'getOperator',
  })
  @ApiQuery({ name: 'filterString', required: false, type: String })
  @ApiOkResponse({ type: [OtiCatalogueDto] })
  @badInput
  operators(@OtiQuery(['filterString']) query: { filterString?: string }): Promise<OtiCatalogue[]> {
    return this.oti.operators(query);
  }

  @Get('cat')
  @ApiOperation({
    summary: 'Hypercat simple search over the operator catalogue',
    description: 'rel and val match the same metadata pair exactly, href the item link; all given must hold.',
  })
  @ApiQuery({ name: 'rel', required: false, type: String })
  @ApiQuery({ name: 'val', required: false, type: String })
  @ApiQuery({ name: 'href', required: false, type: String })
  @ApiOkResponse({ type: OtiCatalogueDto })
  @badInput
  search(
    @OtiQuery(['rel', 'val', 'href']) query: { rel?: string; val?: string; href?: string },
  ): Promise<OtiCatalogue> {
    return this.oti.search(query);
  }
}
