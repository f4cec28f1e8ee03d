/** Command-line options of the seed CLI (`npm run seed -- …`). */
export interface SeedArgs {
  customers: number;
  reset: boolean;
  records: { min: number; max: number };
  batchSize?: number;
  help: boolean;
}

export const SEED_USAGE = `Usage: npm run seed -- [options]

Runs pending migrations, seeds the OTI catalogue if missing, then adds demo customers with their purchases,
concessions and usages. Customer numbering continues after the highest existing id of each operator.

Options:
  --customers N         demo customers to add (default: DEMO_CUSTOMERS, 300)
  --records MIN-MAX     records of each kind per customer (default: 1-3)
  --batch N             customers per transaction (default: 2000 on PostgreSQL, 1000 on SQLite)
  --reset               delete all customers and their records first (refused when NODE_ENV=production)
  --help                show this help`;

export class SeedArgsError extends Error {
  override name = 'SeedArgsError';
}

function positiveInt(flag: string, raw: string | undefined, min = 0): number {
  if (raw === undefined || !/^\d[\d_,]*$/.test(raw)) throw new SeedArgsError(`${flag} needs a whole number`);
  const value = Number(raw.replace(/[_,]/g, ''));
  if (!Number.isSafeInteger(value) || value < min) throw new SeedArgsError(`${flag} must be at least ${min}`);
  return value;
}

export function parseSeedArgs(argv: string[], defaultCustomers: number): SeedArgs {
  const args: SeedArgs = {
    customers: defaultCustomers,
    reset: false,
    records: { min: 1, max: 3 },
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--customers':
        args.customers = positiveInt(flag, value());
        break;
      case '--records': {
        const raw = value() ?? '';
        const m = /^(\d+)(?:-(\d+))?$/.exec(raw);
        if (!m) throw new SeedArgsError('--records needs MIN-MAX, e.g. 1-3');
        args.records = { min: Number(m[1]), max: Number(m[2] ?? m[1]) };
        if (args.records.max < args.records.min || args.records.max > 50) {
          throw new SeedArgsError('--records needs MIN ≤ MAX ≤ 50');
        }
        break;
      }
      case '--batch':
        args.batchSize = positiveInt(flag, value(), 1);
        break;
      case '--reset':
        args.reset = true;
        break;
      case '--help':
      case '-h':
        args.help = true;
        break;
      default:
        throw new SeedArgsError(`unknown option ${argv[i]}`);
    }
  }
  return args;
}
