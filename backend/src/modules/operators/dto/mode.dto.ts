import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ValidateIf } from 'class-validator';
import { IsText, IsThreeDigitId } from './validators';

export class ModeDto {
  @ApiProperty({ example: '010', description: 'Three-digit OTI mode id' })
  id: string;

  @ApiProperty({ example: 'train' })
  shortDesc: string;

  @ApiProperty({ example: 'includes intercity, Eurostar / TGV, etc.' })
  longDesc: string;
}

export class CreateModeDto {
  @ApiProperty({ example: '017', pattern: '^\\d{3}$' })
  @IsThreeDigitId('id')
  id: string;

  @ApiProperty({ example: 'hovercraft', maxLength: 100 })
  @IsText(100)
  shortDesc: string;

  @ApiProperty({ example: 'air-cushion vehicles on scheduled routes', maxLength: 500 })
  @IsText(500)
  longDesc: string;
}

/** Only the fields sent are changed; a field sent must be valid (null is not a description: 400, not ignored). */
const IfSent = () => ValidateIf((_o: unknown, value: unknown) => value !== undefined);

export class UpdateModeDto {
  @ApiPropertyOptional({ example: 'hovercraft', maxLength: 100 })
  @IfSent()
  @IsText(100)
  shortDesc?: string;

  @ApiPropertyOptional({ example: 'air-cushion vehicles on scheduled routes', maxLength: 500 })
  @IfSent()
  @IsText(500)
  longDesc?: string;
}
