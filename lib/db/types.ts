import type { Prisma } from "../generated/sqlite/client";

/** A Prisma interactive-transaction client (same shape on both dialects). */
export type Tx = Prisma.TransactionClient;
