import type { z } from "zod";

/** The state a form's server action returns to useActionState: field errors or one message. */
export type FormState = {
  status: "idle" | "error" | "success";
  message?: string;
  fieldErrors?: Record<string, string | undefined>;
  /** Echo of what was typed (never passwords), so a failed submit does not clear the form. */
  values?: Record<string, string>;
  /** Something shown exactly once (an invite link, an API token); never stored in plain text. */
  secret?: string;
};

export const IDLE: FormState = { status: "idle" };

export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= issue.message;
  }
  return out;
}

/** What an invalid form shows: each field's first problem, and what was typed in `echo` (never passwords). */
export function invalidForm(echo: readonly string[] = []) {
  return (error: z.ZodError, fields: Record<string, string | string[]>): FormState => {
    const state: FormState = { status: "error", fieldErrors: fieldErrorsOf(error) };
    if (echo.length > 0) state.values = pickFields(fields, echo);
    return state;
  };
}

export function pickFields(fields: Record<string, string | string[]>, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, String(fields[name] ?? "")]));
}
