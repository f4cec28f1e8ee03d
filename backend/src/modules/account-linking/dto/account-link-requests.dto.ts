import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsString, IsUUID, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { CUSTOMER_ID_MAX, NO_CONTROL_CHARACTERS } from '../../customers/dto/customer-query.dto';
import { THREE_DIGITS } from '../../operators/dto/validators';

/** The rules of the customers API: a 3-digit operator id; a customer id of 1–32 characters, no control characters. */
const OperatorIdRules = () => Matches(THREE_DIGITS, { message: 'operatorId must be a 3-digit id' });
const CustomerIdRules = () =>
  applyDecorators(
    IsString(),
    Length(1, CUSTOMER_ID_MAX, { message: `customerId must be 1 to ${CUSTOMER_ID_MAX} characters` }),
    Matches(NO_CONTROL_CHARACTERS, { message: 'customerId must not contain control characters' }),
  );

/** One end of a link as the caller names it: an operator and that operator's customer id. */
export class LinkEndInputDto {
  @ApiProperty({ example: '029', pattern: '^\\d{3}$' })
  @OperatorIdRules()
  operatorId: string;

  @ApiProperty({ example: 'C000042', minLength: 1, maxLength: CUSTOMER_ID_MAX })
  @CustomerIdRules()
  customerId: string;
}

export class CreateAccountLinkDto {
  @ApiProperty({ type: LinkEndInputDto, description: "One of the caller's operator's accounts (admins: any)" })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => LinkEndInputDto)
  source: LinkEndInputDto;

  @ApiProperty({
    type: LinkEndInputDto,
    description: 'An account at another hosted operator; its owner confirms by email (existence is not revealed)',
  })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => LinkEndInputDto)
  target: LinkEndInputDto;
}

/** `?operatorId=&customerId=`: the account whose links to list. */
export class AccountLinkListQueryDto extends LinkEndInputDto {}

export class AccountLinkIdParamsDto {
  @ApiProperty({ format: 'uuid', example: '0b7c2f9e-8d43-4c55-9d3e-2f1a6b0c9e11' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;
}

/** The emailed token; anything that is not one of ours is answered as unknown (404 LINK_TOKEN_UNKNOWN). */
const TOKEN_MAX = 512;

export class LinkTokenQueryDto {
  @ApiProperty({ description: 'The token from the emailed link', maxLength: TOKEN_MAX })
  @IsString()
  @MaxLength(TOKEN_MAX)
  token: string;
}

export class LinkTokenBodyDto {
  @ApiProperty({ description: 'The token from the emailed link', maxLength: TOKEN_MAX })
  @IsString()
  @MaxLength(TOKEN_MAX)
  token: string;
}
