import { ApiProperty } from '@nestjs/swagger';
import type { ChainProblemKind } from '../audit-chain';

export class ChainPointDto {
  @ApiProperty({ example: 1042 })
  seq: number;

  @ApiProperty({ example: '5e88…', description: 'SHA-256, hex' })
  hash: string;
}

export class ChainProblemDto {
  @ApiProperty({ example: 1041, description: 'id (seq) of the first record altered or removed' })
  id: number;

  @ApiProperty({ enum: ['altered', 'missing'] })
  kind: ChainProblemKind;

  @ApiProperty({ example: 'Record 1041 does not match its hash' })
  message: string;
}

export class AuditVerificationDto {
  @ApiProperty({ description: 'True when every record from the anchor to the head is intact and in place' })
  ok: boolean;

  @ApiProperty({ example: 1042, description: 'Records checked' })
  checked: number;

  @ApiProperty({
    type: ChainPointDto,
    description: 'Verification started after this record (the last purged; seq 0 and 64 zeros when none)',
  })
  anchor: ChainPointDto;

  @ApiProperty({ type: ChainPointDto, description: 'The last record appended, as the chain state names it' })
  head: ChainPointDto;

  @ApiProperty({ type: ChainProblemDto, nullable: true, description: 'The first problem; null when ok' })
  problem: ChainProblemDto | null;

  @ApiProperty({ format: 'date-time' })
  verifiedAt: string;
}
