import type { Tx } from "../db/types";

/**
 * Rows a projection already looked up or wrote in this transaction, keyed by what identifies them.
 * Deliveries group-committed in one transaction (lib/webhooks/group-commit.ts) share it, so a busy
 * workspace number or conversation is read once per batch instead of once per delivery. A delivery
 * that rolls back to its savepoint forgets it: rows it inserted are gone.
 */
const memos = new WeakMap<Tx, Map<string, unknown>>();

export function transactionMemo(tx: Tx): Map<string, unknown> {
  let memo = memos.get(tx);
  if (!memo) {
    memo = new Map();
    memos.set(tx, memo);
  }
  return memo;
}

export function forgetTransactionMemo(tx: Tx): void {
  memos.delete(tx);
}
