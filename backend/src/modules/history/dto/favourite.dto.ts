import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { NO_CONTROL_CHARACTERS } from '../../customers/dto/customer-query.dto';
import { QUERY_KINDS, type QueryKind, type QueryParams } from '../query-kinds';
import { QUERY_PARAMS_SCHEMA } from './query-params.schema';

export const FAVOURITE_NAME_MAX = 100;

/** Trimmed, in Unicode NFC (so a name typed two ways is one name), 1–100 characters, no control characters. */
const FavouriteName = () =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().normalize('NFC') : value)),
    IsString(),
    Length(1, FAVOURITE_NAME_MAX, { message: `name must be 1 to ${FAVOURITE_NAME_MAX} characters` }),
    Matches(NO_CONTROL_CHARACTERS, { message: 'name must not contain control characters' }),
  );

const NAME_DOC = {
  example: 'Ferries in Scotland',
  minLength: 1,
  maxLength: FAVOURITE_NAME_MAX,
  description: 'Trimmed; unique among your favourites, ignoring case',
};

export class CreateFavouriteDto {
  @ApiProperty(NAME_DOC)
  @FavouriteName()
  name: string;

  @ApiProperty({ enum: QUERY_KINDS })
  @IsIn(QUERY_KINDS)
  kind: QueryKind;

  @ApiProperty({
    ...QUERY_PARAMS_SCHEMA,
    description: 'Checked by the rules of the query of that kind (docs/history-api.md); stored normalised',
  })
  @IsObject({ message: 'params must be an object' })
  params: Record<string, unknown>;
}

export class RenameFavouriteDto {
  @ApiProperty(NAME_DOC)
  @FavouriteName()
  name: string;
}

export class FavouriteListQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}

export class FavouriteDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Ferries in Scotland' })
  name: string;

  @ApiProperty({ enum: QUERY_KINDS })
  kind: QueryKind;

  @ApiProperty(QUERY_PARAMS_SCHEMA)
  params: QueryParams;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: string;
}

export class FavouritePageDto {
  @ApiProperty({ type: [FavouriteDto], description: 'Ordered by name, ignoring case' })
  items: FavouriteDto[];

  @ApiProperty({ example: 3 })
  total: number;

  @ApiProperty({ example: 1 })
  page: number;

  @ApiProperty({ example: 50 })
  pageSize: number;
}
