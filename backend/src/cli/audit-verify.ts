/**
 * Audit verification CLI: `npm run audit:verify [-- --json]` (builds, then runs dist/backend/cli/audit-verify.js).
 * Checks the audit log's hash chain in the configured database (DATABASE_URL / SQLITE_PATH), reading only, and names
 * the first record altered or removed. Exit code 0: intact; 1: broken; 2: could not check. See docs/security.md.
 */
import { ConfigError, loadConfig } from '../config/app-config';
import { buildDataSourceOptions } from '../database/data-source-options';
import { createDataSource } from '../database/sqlite-gate';
import { ChainVerification } from '../modules/audit/audit-chain';
import { verifyAuditLog } from '../modules/audit/audit-verification';
import { AuditRepository } from '../modules/audit/audit.repository';

export const AUDIT_VERIFY_USAGE = `Usage: npm run audit:verify [-- --json]

Checks the audit log's hash chain from its anchor (the last record purged by retention) to its head (the last
record appended) and names the first record that was altered or removed.

  --json   print the result as JSON
  --help   this text

Exit code: 0 the chain is intact, 1 it is broken, 2 it could not be checked.`;

export const EXIT_OK = 0;
export const EXIT_BROKEN = 1;
export const EXIT_ERROR = 2;

/** The human-readable report. */
export function describeVerification(result: ChainVerification): string[] {
  const range =
    result.head.seq === result.anchor.seq
      ? 'the audit log is empty'
      : `records ${result.anchor.seq + 1} to ${result.head.seq}`;
  const lines = [`Audit chain: ${range}; ${result.checked} checked.`];
  if (result.anchor.seq > 0) lines.push(`Anchor (last purged record): ${result.anchor.seq} ${result.anchor.hash}`);
  lines.push(`Head: ${result.head.seq} ${result.head.hash}`);
  lines.push(
    result.problem
      ? `BROKEN at record ${result.problem.seq} (${result.problem.kind}): ${result.problem.message}`
      : 'OK: every record is intact and in place.',
  );
  return lines;
}

export async function main(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  out: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  err: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<number> {
  if (argv.includes('--help')) {
    out(AUDIT_VERIFY_USAGE);
    return EXIT_OK;
  }
  const unknown = argv.filter((a) => a !== '--json');
  if (unknown.length > 0) {
    err(`Unknown argument: ${unknown[0]}\n\n${AUDIT_VERIFY_USAGE}`);
    return EXIT_ERROR;
  }
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    err(error.message);
    return EXIT_ERROR;
  }
  const dataSource = createDataSource(buildDataSourceOptions(config));
  try {
    await dataSource.initialize();
    const runner = dataSource.createQueryRunner();
    const migrated = await runner.hasTable('audit_records').finally(() => runner.release());
    if (!migrated) {
      err(
        'This database has no audit log yet (no audit_records table): start the app once, or run npm run seed, ' +
          'to apply the migrations.',
      );
      return EXIT_ERROR;
    }
    const result = await verifyAuditLog(new AuditRepository(dataSource));
    if (argv.includes('--json')) out(JSON.stringify(result));
    else describeVerification(result).forEach((line) => out(line));
    return result.ok ? EXIT_OK : EXIT_BROKEN;
  } catch (error) {
    err(`Audit verification failed: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_ERROR;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`Audit verification failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(EXIT_ERROR);
    },
  );
}
