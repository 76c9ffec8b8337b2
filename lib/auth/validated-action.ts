import "server-only";
import { z } from "zod";
import { requireAdmin, requireUser } from "./guards";
import type { SessionUser } from "./types";

/** Who may call an action: admins only, any signed-in user (staff rights), or anyone (the token or password is the credential). */
export type ActionAccess = "admin" | "staff" | "public";

type UserFor<A extends ActionAccess> = A extends "public" ? null : SessionUser;

/** The form's fields as the schema names them; a missing field reads as "" like an empty input. */
export type FormFields = Record<string, string>;

/**
 * Every server action is built with this: the access check runs first (a redirect to /login when
 * signed out, 403 for staff on an admin action), then the form is parsed with the same schema the
 * form uses, and only valid input reaches `action`. `invalid` says what the form shows otherwise.
 */
export function validatedAction<Schema extends z.ZodType, State, A extends ActionAccess>(
  schema: Schema,
  access: A,
  action: (input: z.output<Schema>, context: { user: UserFor<A>; fields: FormFields }) => Promise<State>,
  invalid: (error: z.ZodError, fields: FormFields) => State,
): (previous: State, formData: FormData) => Promise<State> {
  const names = fieldNames(schema);
  return async (_previous, formData) => {
    const user = (access === "admin" ? await requireAdmin() : access === "staff" ? await requireUser() : null) as UserFor<A>;
    // Called without a form (a hand-made request): every field reads as empty and fails validation.
    const form = formData instanceof FormData ? formData : new FormData();
    const fields: FormFields = {};
    for (const name of names) {
      const value = form.get(name);
      fields[name] = typeof value === "string" ? value : "";
    }
    const parsed = schema.safeParse(fields);
    if (!parsed.success) return invalid(parsed.error, fields);
    return action(parsed.data, { user, fields });
  };
}

/** The object keys a schema reads: objects, their intersections and unions, and pipes from them. */
export function fieldNames(schema: z.ZodType): string[] {
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  if (schema instanceof z.ZodIntersection) return unique([...fieldNames(schema.def.left as z.ZodType), ...fieldNames(schema.def.right as z.ZodType)]);
  if (schema instanceof z.ZodUnion) return unique(schema.options.flatMap((option) => fieldNames(option as z.ZodType)));
  if (schema instanceof z.ZodPipe) return fieldNames(schema.def.in as z.ZodType);
  throw new Error("validatedAction needs an object schema (or an intersection, union or pipe of objects)");
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}
