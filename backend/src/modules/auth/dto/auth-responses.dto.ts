import { ApiProperty } from '@nestjs/swagger';
import { UserDto } from '../../users/dto/user.dto';

export class MessageDto {
  @ApiProperty({ example: 'Check your inbox' })
  message: string;
}

/** A signed-in session; the refresh token travels only in the `oth_refresh` cookie. */
export class SessionDto {
  @ApiProperty({ description: 'JWT for `Authorization: Bearer …`; keep it in memory only' })
  accessToken: string;

  @ApiProperty({ example: 900, description: 'Seconds until the access token expires' })
  expiresIn: number;

  @ApiProperty({ type: UserDto })
  user: UserDto;
}
