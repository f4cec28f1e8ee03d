import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../../database/columns';

/**
 * Failed sign-in counter for one key: `email:<sha256 of the normalised email>` (also for emails without an account,
 * so a lock reveals nothing) or `ip:<address>`. In the database so that every instance sees the same counts.
 */
@Entity('login_throttles')
export class LoginThrottle {
  @PrimaryColumn({ type: 'varchar', length: 80 })
  key: string;

  /** Failures since `windowStartedAt`. */
  @Column({ type: 'integer', default: 0 })
  failures: number;

  @TimestampColumn()
  windowStartedAt: Date;

  /** Refused until then; NULL when not locked. */
  @TimestampColumn({ nullable: true })
  lockedUntil: Date | null;
}
