import { ApiProperty } from '@nestjs/swagger';
import { LINK_STATUSES, type LinkStatus } from '../entities/account-link.entity';

export class LinkEndDto {
  @ApiProperty({ example: '029' })
  operatorId: string;

  @ApiProperty({ example: 'PSD Ferries' })
  operatorName: string;

  @ApiProperty({ example: 'C000042' })
  customerId: string;
}

export class AccountLinkDto {
  @ApiProperty({ format: 'uuid', description: 'Random UUID' })
  id: string;

  @ApiProperty({ enum: LINK_STATUSES, description: 'A pending link past expiresAt is shown as expired' })
  status: LinkStatus;

  @ApiProperty({ type: LinkEndDto })
  source: LinkEndDto;

  @ApiProperty({ type: LinkEndDto })
  target: LinkEndDto;

  @ApiProperty({ example: '2026-05-01T09:30:00.000Z' })
  requestedAt: string;

  @ApiProperty({ example: '2026-05-02T09:30:00.000Z', description: 'When the current confirmation link expires' })
  expiresAt: string;

  @ApiProperty({ type: String, nullable: true, example: null })
  confirmedAt: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  revokedAt: string | null;

  @ApiProperty({
    description: 'The caller may send the email again now: pending, on the source side, and the cooldown has passed',
  })
  canResend: boolean;
}

/** The answer to a link request or resend: the same whether or not the target account exists. */
export class AccountLinkAcceptedDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ['pending'] })
  status: 'pending';

  @ApiProperty({ example: '2026-05-02T09:30:00.000Z' })
  expiresAt: string;
}

/** What the confirm page shows: who asks, masked. */
export class AccountLinkPreviewDto {
  @ApiProperty({ example: 'PSD Ferries' })
  sourceOperatorName: string;

  @ApiProperty({ example: 'J*** S***', description: "The source account holder's initials" })
  sourceName: string;

  @ApiProperty({ example: 'j***@example.com' })
  sourceEmail: string;

  @ApiProperty({ example: 'PSD Buses', description: "The operator of the email recipient's account" })
  targetOperatorName: string;

  @ApiProperty({ example: '2026-05-02T09:30:00.000Z' })
  expiresAt: string;
}

export class AccountLinkOutcomeDto {
  @ApiProperty({ enum: ['confirmed', 'declined'] })
  status: 'confirmed' | 'declined';
}
