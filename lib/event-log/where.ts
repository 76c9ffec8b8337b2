import type { Prisma } from "../generated/sqlite/client";
import type { Dialect } from "../health";
import { filterTimeRange, type EventFilter } from "./filters";

/**
 * The Prisma `where` for an event-log filter; shared by the list, the count and bulk replay so
 * "replay everything matching" means exactly what the page shows.
 */
export function eventFilterWhere(filter: EventFilter, dialect: Dialect): Prisma.WebhookEventWhereInput {
  const and: Prisma.WebhookEventWhereInput[] = [];
  switch (filter.outcome) {
    case undefined:
      break;
    case "duplicate":
      and.push({ duplicates: { gt: 0 } });
      break;
    default:
      and.push({ status: filter.outcome });
  }
  if (filter.type) and.push({ type: filter.type });
  const range = filterTimeRange(filter);
  if (range.gte || range.lt) and.push({ receivedAt: range });
  if (filter.resource) and.push({ resourceId: filter.resource });
  if (filter.q) {
    // SQLite's LIKE is case-insensitive for ASCII; PostgreSQL needs ILIKE for the same result.
    // (`mode` exists only in the PostgreSQL client's types; code is typed against the SQLite client.)
    const contains = dialect === "postgres" ? ({ contains: filter.q, mode: "insensitive" } as { contains: string }) : { contains: filter.q };
    and.push({ rawBody: contains });
  }
  return and.length > 0 ? { AND: and } : {};
}
