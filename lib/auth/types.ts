/** The signed-in person as every page, action and route sees them. Safe to pass to client components. */
export type Role = "admin" | "staff";

export type SessionUser = { id: number; email: string; name: string | null; role: Role };

export const ROLES = ["admin", "staff"] as const satisfies readonly Role[];
