import { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsString, Min, MinLength, ValidateNested } from 'class-validator';
import { AppError } from '../errors/app-error';
import { createValidationPipe } from './validation.pipe';

class ItemDto {
  @IsString()
  @MinLength(2)
  name: string;
}

class OrderDto {
  @IsInt()
  @Min(1)
  quantity: number;

  @ValidateNested({ each: true })
  @Type(() => ItemDto)
  items: ItemDto[];
}

const body: ArgumentMetadata = { type: 'body', metatype: OrderDto };

async function validationError(value: unknown): Promise<AppError> {
  try {
    await createValidationPipe().transform(value, body);
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a validation error');
}

describe('createValidationPipe', () => {
  it('returns a DTO instance for a valid payload', async () => {
    const result: unknown = await createValidationPipe().transform({ quantity: 2, items: [{ name: 'ab' }] }, body);
    expect(result).toBeInstanceOf(OrderDto);
  });

  it('throws VALIDATION_FAILED with one detail per constraint and dotted paths', async () => {
    const error = await validationError({ quantity: 0, items: [{ name: 'ok' }, { name: 'x' }], extra: true });
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    expect(error.details).toEqual(
      expect.arrayContaining([
        { field: 'quantity', constraint: 'min', message: 'quantity must not be less than 1' },
        { field: 'items.1.name', constraint: 'minLength', message: expect.stringContaining('name') },
        { field: 'extra', constraint: 'whitelistValidation', message: 'property extra should not exist' },
      ]),
    );
    expect(error.details).toHaveLength(3);
  });

  it('never puts the rejected values into the error', async () => {
    const error = await validationError({ quantity: 'hunter2-secret', items: [] });
    expect(JSON.stringify(error.details)).not.toContain('hunter2-secret');
  });
});
