import { ChainVerification, verifyChain } from './audit-chain';
import type { AuditRepository } from './audit.repository';

/** A purge running meanwhile moves the anchor past records being read; verification then starts again from it. */
const MAX_ATTEMPTS = 3;

/**
 * Verifies the stored chain from its anchor to its head (both read from the chain-state row first; records appended
 * meanwhile are beyond the head and not read). Used by `GET /api/v1/admin/audit/verify` and `npm run audit:verify`.
 */
export async function verifyAuditLog(repository: AuditRepository): Promise<ChainVerification> {
  let outcome: ChainVerification | null = null;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const { anchor, head } = await repository.chainEnds();
    outcome = await verifyChain(repository.chainRecords(anchor.seq, head.seq), anchor, head);
    if (outcome.problem?.kind !== 'missing') return outcome;
    const now = await repository.chainEnds();
    // Removed by retention since the walk began, not by someone else: walk again from the new anchor.
    if (now.anchor.seq < outcome.problem.seq) return outcome;
  }
  return outcome!;
}
