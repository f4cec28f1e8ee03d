import { ApiProperty } from '@nestjs/swagger';
import { IsThreeDigitId } from './validators';

export class IdParamsDto {
  @ApiProperty({ example: '002', pattern: '^\\d{3}$' })
  @IsThreeDigitId('id')
  id: string;
}
