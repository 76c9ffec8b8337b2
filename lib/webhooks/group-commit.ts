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
 *
 * Deliveries the server has started receiving (`expect`) but not yet queued hold the next batch
 * back for up to `maxWaitMs`, until they are all queued. Without that, batches stayed at one
 * delivery under load on SQLite: better-sqlite3 runs a transaction on the event loop's thread, so
 * no request can reach the queue while one is written, and each found the queue empty again.
 */

export type MemberResult<T> = { ok: true; value: T } | { ok: false; error: unknown };

export type GroupCommitOptions<T> = {
  /** Most deliveries in one transaction. */
  maxBatch: number;
  /**
   * The longest a new batch waits for deliveries announced by `expect` before it starts (0: it
   * never waits, not even one turn of the event loop).
   */
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
  /**
   * Announces a delivery on its way (its body is being read and checked): the next batch waits
   * for it, within `maxWaitMs`. Call the returned function once it is queued or will not be; it
   * may be called more than once.
   */
  expect: () => () => void;
  /** Batches written so far and the deliveries in them (for tests and the benchmark). */
  stats: () => { batches: number; members: number; largest: number };
};

export function createGroupCommitter<T>(prisma: PrismaHandle, options: GroupCommitOptions<T>): GroupCommitter<T> {
  const queue: Job<T>[] = [];
  let writing = false;
  let prepared: Promise<void> | undefined;
  /** Announced deliveries not queued yet. */
  let expected = 0;
  /** Ends a batch's wait early: a delivery was queued or an announced one will not come. */
  let wake: (() => void) | undefined;
  const stats = { batches: 0, members: 0, largest: 0 };

  function run(work: (tx: Tx) => Promise<T>): Promise<MemberResult<T>> {
    return new Promise((resolve) => {
      queue.push({ work, resolve, alone: false });
      if (!writing) void drain();
      else wake?.();
    });
  }

  function expect(): () => void {
    expected++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      expected--;
      wake?.();
    };
  }

  async function drain(): Promise<void> {
    writing = true;
    try {
      while (queue.length > 0) {
        if (options.maxWaitMs > 0 && !queue[0]!.alone) await gatherCompany();
        const batch = takeBatch();
        await writeBatch(batch);
      }
    } finally {
      writing = false;
    }
  }

  /** Lets the batch fill up: one turn of the event loop, then while announced deliveries are on their way. */
  async function gatherCompany(): Promise<void> {
    const deadline = performance.now() + options.maxWaitMs;
    const full = () => queue.length >= options.maxBatch;
    // One turn of the event loop first. A request already read from its socket can run from the
    // HTTP parser to this queue without ever leaving the microtask queue; so can a whole batch on
    // SQLite. Without this turn each request was queued, written and answered before the next one
    // was even parsed: batches of one, whatever the load.
    await new Promise((resolve) => setImmediate(resolve));
    while (expected > 0 && !full()) {
      const left = deadline - performance.now();
      if (left <= 0) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => settle(), left);
        const settle = () => {
          clearTimeout(timer);
          wake = undefined;
          resolve();
        };
        wake = settle;
      });
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
    let written = await attempt(batch, batch.length === 1 ? "alone" : "together");
    // A member failed: that transaction is rolled back whole; the batch is written again with each
    // member in a savepoint of its own, so only the failing one is left out.
    if (!written.ok && written.memberFailed) written = await attempt(batch, "savepoints");
    if (written.ok) {
      batch.forEach((job, i) => job.resolve(written.results[i]!));
      return;
    }
    const { error } = written;
    prepared = undefined;
    if (batch.length === 1 || options.retryAlone?.(error) === false) {
      for (const job of batch) job.resolve({ ok: false, error });
      return;
    }
    // Nothing of this batch was committed: each member is written again, alone.
    queue.unshift(...batch.map((job) => ({ ...job, alone: true })));
  }

  /**
   * One transaction for the batch. "together": the members' writes one after another, no
   * savepoints (the common case: nothing fails, and a savepoint per delivery is a statement per
   * delivery); "savepoints": each member isolated; "alone": a batch of one.
   */
  async function attempt(
    batch: Job<T>[],
    mode: "alone" | "together" | "savepoints",
  ): Promise<{ ok: true; results: MemberResult<T>[] } | { ok: false; error: unknown; memberFailed: boolean }> {
    try {
      prepared ??= options.prepare?.() ?? Promise.resolve();
      await prepared;
      const results = await prisma.$transaction(async (tx) => {
        const out =
          mode === "alone" ? [await runAlone(tx, batch[0]!)] : mode === "together" ? await runTogether(tx, batch) : await runInSavepoints(tx, batch);
        const values = out.flatMap((r) => (r.ok ? [r.value] : []));
        if (options.beforeCommit && values.length > 0) await options.beforeCommit(tx, values);
        forgetTransactionMemo(tx);
        return out;
      }, options.transaction);
      return { ok: true, results };
    } catch (error) {
      if (error instanceof MemberFailed) return { ok: false, error: error.cause, memberFailed: true };
      return { ok: false, error, memberFailed: false };
    }
  }

  /** Every member in the batch's transaction with no savepoint; the first failure aborts the transaction. */
  async function runTogether(tx: Tx, batch: Job<T>[]): Promise<MemberResult<T>[]> {
    const out: MemberResult<T>[] = [];
    for (const job of batch) {
      try {
        out.push({ ok: true, value: await job.work(tx) });
      } catch (error) {
        forgetTransactionMemo(tx);
        throw new MemberFailed(error);
      }
      await yieldToRequests();
    }
    return out;
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
      await yieldToRequests();
    }
    return out;
  }

  return { run, expect, stats: () => ({ ...stats }) };
}

/** A member's failure in a batch written without savepoints: the whole transaction must roll back. */
class MemberFailed extends Error {
  constructor(override readonly cause: unknown) {
    super("a delivery in the batch failed");
  }
}

/**
 * SQLite answers synchronously, so a batch would otherwise hold the event loop from BEGIN to
 * COMMIT; each request needs several turns of it (socket, body, signature) before it can queue, and
 * under load its wait grew past OpenPhone's 10 s deadline. Let them in between deliveries.
 */
function yieldToRequests(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
