import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ErrorDetail } from './app-error';

export class ErrorDetailDto implements ErrorDetail {
  @ApiPropertyOptional({ example: 'email', description: 'Dotted path of the offending field' })
  field?: string;

  @ApiPropertyOptional({ example: 'isEmail', description: 'Name of the failed rule' })
  constraint?: string;

  @ApiProperty({ example: 'email must be an email' })
  message: string;
}

/** The body of every error response of the API. */
export class ErrorResponseDto {
  @ApiProperty({ example: 400, description: 'The HTTP status, repeated' })
  statusCode: number;

  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'Stable, machine-readable error code' })
  code: string;

  @ApiProperty({ example: 'The request is invalid', description: 'Human-readable summary' })
  message: string;

  @ApiPropertyOptional({ type: [ErrorDetailDto] })
  details?: ErrorDetailDto[];

  @ApiProperty({ example: '9f0c3a52-5a43-4d55-b1d5-1f8a0e0f4c1e', description: 'Also sent as X-Request-Id' })
  requestId: string;
}
