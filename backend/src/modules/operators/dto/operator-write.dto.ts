import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { Transform } from 'class-transformer';
import { OPERATOR_KINDS, OperatorKind } from '../entities/operator.entity';
import { IsHttpUrl, IsLanguageCode, IsPhoneOrBlank, IsText, IsThreeDigitId } from './validators';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateOperatorDto {
  @ApiProperty({ example: '031', pattern: '^\\d{3}$' })
  @IsThreeDigitId('id')
  id: string;

  @ApiProperty({ example: 'PSD Trams', maxLength: 200 })
  @IsText(200)
  name: string;

  @ApiProperty({ enum: OPERATOR_KINDS, example: 'operator' })
  @IsIn(OPERATOR_KINDS)
  kind: OperatorKind;

  @ApiProperty({ example: 'https://psdtrams.example.org/', description: 'http(s) URL' })
  @IsHttpUrl()
  homepage: string;

  @ApiProperty({
    example: 'https://api.psdtrams.example.org/oti/',
    description: 'Customer-account API (catalogue href)',
  })
  @IsHttpUrl()
  customerAccountUrl: string;

  @ApiPropertyOptional({
    example: false,
    default: false,
    description:
      "This hub serves the operator's customer accounts: the catalogue href becomes " +
      '`PUBLIC_URL/api/oti/v1/accounts/{id}` (the published customerAccountUrl is kept). Admins only.',
  })
  @IsOptional()
  @IsBoolean()
  accountsHosted?: boolean;

  @ApiPropertyOptional({ example: 'info@psdtrams.example.org', description: "'' for none", default: '' })
  @IsOptional()
  @Transform(trimmed)
  @ValidateIf((_o: unknown, value: unknown) => value !== '')
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({
    example: '+44 20 7946 0000',
    description: "Digits, spaces, + ( ) -; 6–20 digits; '' for none",
  })
  @IsOptional()
  @IsPhoneOrBlank()
  phone?: string;

  @ApiProperty({ example: 'en', description: 'ISO 639-1' })
  @IsLanguageCode()
  defaultLanguage: string;

  @ApiProperty({ type: [String], example: ['008', '007'], description: 'Existing mode ids, in the order to show them' })
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsThreeDigitId('modeIds', { each: true })
  modeIds: string[];

  @ApiProperty({ type: [String], example: ['https://mipta.psdtrams.example.org/'] })
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsHttpUrl({ each: true })
  miptaUrls: string[];
}

/** Admins may change any field but the id; operator users only OPERATOR_USER_FIELDS of their own operator. */
export class UpdateOperatorDto extends PartialType(OmitType(CreateOperatorDto, ['id'] as const)) {}

/** The fields an `operator` user may change on its own operator. */
export const OPERATOR_USER_FIELDS: ReadonlySet<keyof UpdateOperatorDto> = new Set<keyof UpdateOperatorDto>([
  'homepage',
  'customerAccountUrl',
  'email',
  'phone',
  'defaultLanguage',
  'modeIds',
  'miptaUrls',
]);
