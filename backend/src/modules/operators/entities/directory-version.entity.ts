import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row (`id = 1`) counting changes to the operator directory (operators, their modes and MIPTA URLs, modes).
 * Every write bumps `version` in its transaction; each instance compares it with the version of its in-memory
 * snapshot at most once a second and reloads when it moved (see docs/performance.md).
 */
@Entity('directory_versions')
export class DirectoryVersion {
  @PrimaryColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer', default: 0 })
  version: number;
}
