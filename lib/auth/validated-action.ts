import "server-only";
import { z } from "zod";
import { requireAdmin, requireUser } from "./guards";
import type { SessionUser } from "./types";

/** Who may call an action: admins only, any signed-in user (staff rights), or anyone (the token or password is the credential). */
export type ActionAccess = "admin" | "staff" | "public";

type UserFor<A extends ActionAccess> = A extends "public" ? null : SessionUser;

/** The form's fields as the schema names them: "" when missing, like an empty input; every value of an array field. */
export type FormFields = Record<string, string | string[]>;

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
  const lists = new Set(arrayFieldNames(schema));
  return async (_previous, formData) => {
    const user = (access === "admin" ? await requireAdmin() : access === "staff" ? await requireUser() : null) as UserFor<A>;
    // Called without a form (a hand-made request): every field reads as empty and fails validation.
    const form = formData instanceof FormData ? formData : new FormData();
    const fields: FormFields = {};
    for (const name of names) {
      const value = form.get(name);
      fields[name] = lists.has(name) ? form.getAll(name).filter((v) => typeof v === "string") : typeof value === "string" ? value : "";
    }
    const parsed = schema.safeParse(fields);
    if (!parsed.success) return invalid(parsed.error, fields);
    return action(parsed.data, { user, fields });
  };
}

/** The object keys a schema reads: objects, their intersections and unions, and pipes from them. */
export function fieldNames(schema: z.ZodType): string[] {
  return unique(objectShapes(schema).flatMap((shape) => Object.keys(shape)));
}

/** The keys whose value is a list (checkboxes, multi-selects): read with getAll. */
export function arrayFieldNames(schema: z.ZodType): string[] {
  return unique(objectShapes(schema).flatMap((shape) => Object.keys(shape).filter((name) => isArray(shape[name] as z.ZodType))));
}

function objectShapes(schema: z.ZodType): Record<string, unknown>[] {
  if (schema instanceof z.ZodObject) return [schema.shape];
  if (schema instanceof z.ZodIntersection) return [...objectShapes(schema.def.left as z.ZodType), ...objectShapes(schema.def.right as z.ZodType)];
  if (schema instanceof z.ZodUnion) return schema.options.flatMap((option) => objectShapes(option as z.ZodType));
  if (schema instanceof z.ZodPipe) return objectShapes(schema.def.in as z.ZodType);
  throw new Error("validatedAction needs an object schema (or an intersection, union or pipe of objects)");
}

function isArray(schema: z.ZodType): boolean {
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return isArray(schema.def.innerType as z.ZodType);
  return schema instanceof z.ZodArray;
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}
