import type { Prisma, PrismaClient } from "../generated/sqlite/client";
import type { DatabaseTarget } from "./database-url";

/**
 * The three database types every query is written against:
 * - `AppDatabase` (`db`): the app's database, { prisma, dialect, url }. Query functions take it as
 *   their first argument; callers in app/ pass `getDatabase()`, tests pass their test database.
 * - `Tx` (`tx`): an interactive transaction; projections and other in-transaction helpers take it first.
 * - `PrismaHandle`: the bare Prisma client inside an AppDatabase (`db.prisma`).
 */

/** Both generated clients have the same models; code is written against the SQLite client's type. */
export type PrismaHandle = PrismaClient;

/** A Prisma interactive-transaction client (same shape on both dialects). */
export type Tx = Prisma.TransactionClient;

export type Dialect = DatabaseTarget["dialect"];

export type AppDatabase = { prisma: PrismaHandle; dialect: Dialect; url: string };
