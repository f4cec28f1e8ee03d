import { Body, Controller, Get, Module, NotFoundException, Param, ParseIntPipe, Post } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsEmail, IsOptional, IsString, MinLength, ValidateNested } from 'class-validator';
import { EntityNotFoundError } from 'typeorm';
import { Public } from '../../../src/common/decorators/public.decorator';
import { AppError } from '../../../src/common/errors/app-error';

/** Routes that exist only in these tests, to drive the global pipe and filter through the real app. */
export const SECRET_DETAIL = 'password=hunter2 host=db.internal.example';

class AddressDto {
  @IsString()
  @MinLength(2)
  street: string;
}

export class CreateThingDto {
  @IsString()
  @MinLength(3)
  name: string;

  @IsEmail()
  email: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => AddressDto)
  address?: AddressDto;
}

// Public: these routes exercise the pipe and the filter, not authentication.
@Public()
@Controller('test-only')
class TestOnlyController {
  @Post('things')
  create(@Body() dto: CreateThingDto) {
    return { name: dto.name, isDtoInstance: dto instanceof CreateThingDto };
  }

  @Get('things/:id')
  findOne(@Param('id', ParseIntPipe) id: number) {
    return { id };
  }

  @Get('boom')
  boom(): never {
    throw new Error(`Unexpected failure: ${SECRET_DETAIL}`);
  }

  @Get('app-error')
  appError(): never {
    throw new AppError('THING_LOCKED', 409, 'The thing is locked', [{ field: 'id', message: 'is locked' }]);
  }

  @Get('not-found')
  notFound(): never {
    throw new NotFoundException('Thing 42 does not exist');
  }

  @Get('entity-not-found')
  entityNotFound(): never {
    throw new EntityNotFoundError('User', { email: 'someone@example.org' });
  }
}

@Module({ controllers: [TestOnlyController] })
export class TestOnlyModule {}
