import type { PrismaHandle, Tx } from "../db/types";
import { forgetTransactionMemo } from "../projections/transaction-memo";

/**
 * Group commit for the receiver. Deliveries that arrive while a transaction is being written wait
 * for it, then are written together in the next one: one BEGIN … COMMIT (on SQLite one fsync, on
 * PostgreSQL one commit round trip) for the whole batch. Each delivery runs in its own savepoint,
 * so one that fails rolls back alone and the others still commit; every caller learns its result
 * only after the commit (or the failure) of its batch. An idle server writes a delivery at once, in
 * a transaction of its own, with no savepoint.
 *
 * One batch is written at a time per process: batches never wait on each other's row locks (no
 * deadlocks between them on PostgreSQL), and SQLite has one writer anyway.
 */

export type MemberResult<T> = { ok: true; value: T } | { ok: false; error: unknown };

export type GroupCommitOptions<T> = {
  /** Most deliveries in one transaction. */
  maxBatch: number;
  /** Under load, how long a new batch waits for more deliveries before it starts (0: never). */
  maxWaitMs: number;
  /** Runs in the batch's transaction after its members, with the values of those that succeeded. */
  beforeCommit?: (tx: Tx, values: T[]) => Promise<void>;
  /** Prisma interactive-transaction limits for one batch. */
  transaction?: { maxWait: number; timeout: number };
  /** Called before the first transaction (e.g. connection PRAGMAs). */
  prepare?: () => Promise<void>;
  /**
   * Whether a batch that failed as a whole is worth writing again one member at a time (default:
   * always). Not when the database is gone: every member would wait out the failure in turn.
   */
  retryAlone?: (error: unknown) => boolean;
};

type Job<T> = {
  work: (tx: Tx) => Promise<T>;
  resolve: (result: MemberResult<T>) => void;
  /** After its batch failed as a whole, a member is written alone so a bad neighbour cannot fail it twice. */
  alone: boolean;
};

export type GroupCommitter<T> = {
  /** Runs `work` inside the next batch's transaction; settles after that transaction ends. */
  run: (work: (tx: Tx) => Promise<T>) => Promise<MemberResult<T>>;
  /** Batches written so far and the deliveries in them (for tests and the benchmark). */
  stats: () => { batches: number; members: number; largest: number };
};

export function createGroupCommitter<T>(prisma: PrismaHandle, options: GroupCommitOptions<T>): GroupCommitter<T> {
  const queue: Job<T>[] = [];
  let writing = false;
  let lastBatchSize = 0;
  let prepared: Promise<void> | undefined;
  const stats = { batches: 0, members: 0, largest: 0 };

  function run(work: (tx: Tx) => Promise<T>): Promise<MemberResult<T>> {
    return new Promise((resolve) => {
      queue.push({ work, resolve, alone: false });
      if (!writing) void drain();
    });
  }

  async function drain(): Promise<void> {
    writing = true;
    try {
      while (queue.length > 0) {
        // Under load (the last batch had company), linger briefly so this one fills up.
        if (options.maxWaitMs > 0 && lastBatchSize > 1 && queue.length < options.maxBatch) {
          await new Promise((r) => setTimeout(r, options.maxWaitMs));
        }
        const batch = takeBatch();
        lastBatchSize = batch.length;
        await writeBatch(batch);
      }
    } finally {
      writing = false;
    }
  }

  function takeBatch(): Job<T>[] {
    if (queue[0]!.alone) return [queue.shift()!];
    const batch: Job<T>[] = [];
    for (let i = 0; i < queue.length && batch.length < options.maxBatch; ) {
      if (queue[i]!.alone) i++;
      else batch.push(queue.splice(i, 1)[0]!);
    }
    return batch;
  }

  async function writeBatch(batch: Job<T>[]): Promise<void> {
    stats.batches++;
    stats.members += batch.length;
    stats.largest = Math.max(stats.largest, batch.length);
    let results: MemberResult<T>[];
    try {
      prepared ??= options.prepare?.() ?? Promise.resolve();
      await prepared;
      results = await prisma.$transaction(async (tx) => {
        const out = batch.length === 1 ? [await runAlone(tx, batch[0]!)] : await runInSavepoints(tx, batch);
        const values = out.flatMap((r) => (r.ok ? [r.value] : []));
        if (options.beforeCommit && values.length > 0) await options.beforeCommit(tx, values);
        forgetTransactionMemo(tx);
        return out;
      }, options.transaction);
    } catch (error) {
      prepared = undefined;
      if (batch.length === 1 || options.retryAlone?.(error) === false) {
        for (const job of batch) job.resolve({ ok: false, error });
        return;
      }
      // Nothing of this batch was committed: each member is written again, alone.
      queue.unshift(...batch.map((job) => ({ ...job, alone: true })));
      return;
    }
    batch.forEach((job, i) => job.resolve(results[i]!));
  }

  /** The single-delivery path: its own transaction; a failure rolls the whole transaction back. */
  async function runAlone(tx: Tx, job: Job<T>): Promise<MemberResult<T>> {
    return { ok: true, value: await job.work(tx) };
  }

  async function runInSavepoints(tx: Tx, batch: Job<T>[]): Promise<MemberResult<T>[]> {
    const out: MemberResult<T>[] = [];
    for (const [i, job] of batch.entries()) {
      const savepoint = `delivery_${i}`;
      await tx.$executeRawUnsafe(`SAVEPOINT ${savepoint}`);
      try {
        out.push({ ok: true, value: await job.work(tx) });
      } catch (error) {
        // On PostgreSQL a failed statement aborts the transaction until this rollback; on both
        // databases it undoes exactly this delivery's writes (and releases its row locks).
        await tx.$executeRawUnsafe(`ROLLBACK TO SAVEPOINT ${savepoint}`);
        forgetTransactionMemo(tx);
        out.push({ ok: false, error });
      }
      // SQLite answers synchronously, so a batch would otherwise hold the event loop from BEGIN to
      // COMMIT; each request needs several turns of it (socket, body, signature) before it can queue
      // here, and under load its wait grew past OpenPhone's 10 s deadline. Let them in between deliveries.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return out;
  }

  return { run, stats: () => ({ ...stats }) };
}
