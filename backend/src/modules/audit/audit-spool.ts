import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { appendFile, mkdir, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { AuditEntry } from './audit-entry';

const SEGMENT_FILE = /^audit-spool\.(\d{12})\.ndjson$/;
const segmentName = (n: number) => `audit-spool.${String(n).padStart(12, '0')}.ndjson`;
/** Lines of a segment that cannot be read back are kept here, for a person to look at. */
export const REJECTED_FILE = 'audit-spool.rejected.ndjson';

/** A segment that takes no more entries and can be replayed. */
export interface SealedSegment {
  /** Its number: segments are replayed in ascending order. */
  n: number;
  path: string;
}

/** What a segment holds: its id (header line) and its entries, in order, read lazily. */
export interface SegmentReader {
  id: string;
  entries: AsyncIterable<AuditEntry>;
}

/**
 * The audit spool: append-only NDJSON files under the spool folder, for records the database could not take.
 *
 * Records are spooled in segments `audit-spool.<n>.ndjson` (n ascending, zero-padded); each starts with a header line
 * `{"segment":"<uuid>"}` whose id keys the replay cursor. Replaying segments in ascending n replays records in the
 * order they were recorded, because numbers are handed out in that order:
 * - `append` (buffer overflow) writes to the open segment, opening one with the next number when there is none;
 * - `reserve()` is called when the writer takes a batch for the database: it returns the next number for that batch
 *   (used only if the write fails) and closes the open segment, so entries spooled while the batch is in flight land
 *   in a later segment than the batch would;
 * - `seal()` closes the open segment so that it can be replayed while new entries go to a new one.
 * File operations run one at a time, in call order; files are created with mode 0600.
 */
export class AuditSpool {
  private counter = 0;
  private open: { n: number; id: string } | null = null;
  /** Segments holding entries (or about to): any of them makes `hasData` true. */
  private readonly written = new Set<number>();
  /** Segments this process created (their header line is written). */
  private readonly createdFiles = new Set<number>();
  private queue: Promise<unknown> = Promise.resolve();
  private ready: Promise<void> | null = null;

  constructor(readonly dir: string) {}

  /** Scans the folder once: numbering continues after the segments a previous run left. */
  init(): Promise<void> {
    this.ready ??= this.run(async () => {
      for (const segment of await this.listSegments()) {
        this.counter = Math.max(this.counter, segment.n);
        this.written.add(segment.n);
      }
    });
    return this.ready;
  }

  /** Appends entries to the open segment (after everything appended before). */
  append(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return this.queue.then(() => undefined);
    this.open ??= { n: ++this.counter, id: randomUUID() };
    const { n, id } = this.open;
    return this.write(n, id, entries);
  }

  /** A segment number for a batch about to be written to the database; closes the open segment. */
  reserve(): number {
    this.open = null;
    return ++this.counter;
  }

  /** Writes a failed batch to the segment `reserve()` gave it. */
  appendReserved(n: number, entries: readonly AuditEntry[]): Promise<void> {
    return this.write(n, randomUUID(), entries);
  }

  /** Closes the open segment: what was appended to it can be replayed. */
  seal(): void {
    this.open = null;
  }

  /** True when a segment holds (or is about to hold) entries. */
  get hasData(): boolean {
    return this.written.size > 0;
  }

  /** Sealed segments in replay order, once every pending append has reached its file. */
  async sealed(): Promise<SealedSegment[]> {
    await this.init();
    await this.idle();
    const segments = await this.listSegments();
    // What is on disk now is what holds data (a failed append left nothing behind).
    this.written.clear();
    for (const s of segments) this.written.add(s.n);
    if (this.open && this.createdFiles.has(this.open.n)) this.written.add(this.open.n);
    return segments.filter((s) => s.n !== this.open?.n);
  }

  /** Reads a segment: its id, then its entries. Unreadable lines go to the rejected file (`onRejected` is told). */
  async read(segment: SealedSegment, onRejected: (line: string) => void): Promise<SegmentReader> {
    const lines = createInterface({ input: createReadStream(segment.path, { encoding: 'utf8' }), crlfDelay: Infinity });
    const iterator = lines[Symbol.asyncIterator]();
    const first = await iterator.next();
    let id = segment.path;
    if (!first.done) {
      try {
        const header = JSON.parse(first.value) as { segment?: unknown };
        if (typeof header.segment === 'string') id = header.segment;
      } catch {
        // An unreadable header (a crash while creating the file): the path identifies the segment instead.
      }
    }
    const reject = (line: string) => {
      onRejected(line);
      return this.appendRejected(line);
    };
    async function* entries(): AsyncGenerator<AuditEntry> {
      try {
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
          const line = next.value;
          if (line.trim() === '') continue;
          let entry: AuditEntry | null = null;
          try {
            entry = JSON.parse(line) as AuditEntry;
          } catch {
            entry = null;
          }
          if (entry && typeof entry === 'object' && typeof entry.type === 'string' && typeof entry.at === 'string') {
            yield entry;
          } else {
            await reject(line);
          }
        }
      } finally {
        lines.close();
      }
    }
    return { id, entries: entries() };
  }

  /** Deletes a segment whose entries are all in the database. */
  remove(segment: SealedSegment): Promise<void> {
    return this.run(async () => {
      await unlink(segment.path).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
      this.written.delete(segment.n);
    });
  }

  /** Keeps a line (an entry the database refused, or an unreadable line) in the rejected file, for a person to see. */
  appendRejected(line: string): Promise<void> {
    return this.run(async () => {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      await appendFile(join(this.dir, REJECTED_FILE), `${line}\n`, { mode: 0o600 });
    });
  }

  /** Resolves when every file operation asked for so far has finished. */
  idle(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  private write(n: number, id: string, entries: readonly AuditEntry[]): Promise<void> {
    this.written.add(n);
    const fresh = !this.createdFiles.has(n);
    this.createdFiles.add(n);
    const text =
      (fresh ? `${JSON.stringify({ segment: id })}\n` : '') + entries.map((e) => `${JSON.stringify(e)}\n`).join('');
    return this.run(async () => {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      await appendFile(join(this.dir, segmentName(n)), text, { mode: 0o600 });
    });
  }

  private async listSegments(): Promise<SealedSegment[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return names
      .map((name) => ({ name, match: SEGMENT_FILE.exec(name) }))
      .filter((f): f is { name: string; match: RegExpExecArray } => f.match !== null)
      .map((f) => ({ n: Number(f.match[1]), path: join(this.dir, f.name) }))
      .sort((a, b) => a.n - b.n);
  }

  /** Runs a file operation after the ones before it; a failure is reported to its caller only. */
  private run<T>(op: () => Promise<T>): Promise<T> {
    const result = this.queue.then(op);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
