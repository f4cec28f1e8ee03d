import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../password.service';
import { IsDisplayName } from './display-name.validator';
import { IsAccountEmail } from './email.validator';
import { IsNewPassword } from './password.validators';

const NEW_PASSWORD = {
  minLength: PASSWORD_MIN_LENGTH,
  maxLength: PASSWORD_MAX_LENGTH,
  description: 'At least 12 characters; common passwords are refused (PASSWORD_TOO_COMMON)',
  example: 'tram to the harbour at dawn',
};

export class RegisterDto {
  @ApiProperty({ example: 'ann@example.org', maxLength: 254 })
  @IsAccountEmail()
  email: string;

  @ApiProperty({ example: 'Ann Example', maxLength: 200 })
  @IsDisplayName()
  displayName: string;

  @ApiProperty(NEW_PASSWORD)
  @IsNewPassword()
  password: string;
}

export class LoginDto {
  @ApiProperty({ example: 'ann@example.org', maxLength: 254 })
  @IsAccountEmail()
  email: string;

  @ApiProperty({ example: 'tram to the harbour at dawn', maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}

/** The token of an emailed link. */
export class EmailTokenDto {
  @ApiProperty({ description: 'The `token` query parameter of the emailed link', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  token: string;
}

export class TokenAndPasswordDto extends EmailTokenDto {
  @ApiProperty(NEW_PASSWORD)
  @IsNewPassword()
  password: string;
}

export class ForgotPasswordDto {
  @ApiProperty({ example: 'ann@example.org', maxLength: 254 })
  @IsAccountEmail()
  email: string;
}

export class ChangePasswordDto {
  @ApiProperty({ maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword: string;

  @ApiProperty(NEW_PASSWORD)
  @IsNewPassword()
  newPassword: string;
}

/** What a user may change about themselves: the display name only (role, email, status are not theirs to set). */
export class UpdateMeDto {
  @ApiProperty({ example: 'Ann Example', maxLength: 200 })
  @IsDisplayName()
  displayName: string;
}
