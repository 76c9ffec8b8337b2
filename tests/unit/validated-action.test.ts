import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { invalidForm, type FormState } from "@/lib/auth/forms";
import { firstAdminFormSchema, signInSchema } from "@/lib/auth/schemas";
import { arrayFieldNames, fieldNames, validatedAction } from "@/lib/auth/validated-action";

function form(entries: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(entries)) data.set(name, value);
  return data;
}

describe("validatedAction", () => {
  const schema = z.object({ name: z.string().trim().min(1, { message: "Name it." }), count: z.coerce.number().int().positive() });

  it("hands only parsed input to the action", async () => {
    const body = vi.fn(async (input: { name: string; count: number }) => `made ${input.count} × ${input.name}`);
    const action = validatedAction(schema, "public", body, () => "invalid");
    expect(await action("idle", form({ name: "  Widget ", count: "3", $ACTION_KEY: "k" }))).toBe("made 3 × Widget");
    expect(body).toHaveBeenCalledWith({ name: "Widget", count: 3 }, { user: null, fields: { name: "  Widget ", count: "3" } });
  });

  it("answers invalid input with `invalid` and never runs the action", async () => {
    const body = vi.fn(async (): Promise<FormState> => ({ status: "success" }));
    const action = validatedAction(schema, "public", body, invalidForm(["name"]));
    expect(await action({ status: "idle" }, form({ name: " ", count: "2" }))).toEqual({
      status: "error",
      fieldErrors: { name: "Name it." },
      values: { name: " " },
    });
    // A missing field reads as an empty input; a call without any form data is invalid, not a crash.
    expect(await action({ status: "idle" }, form({ name: "x" }))).toMatchObject({ status: "error", fieldErrors: { count: expect.any(String) } });
    expect(await action({ status: "idle" }, undefined as unknown as FormData)).toMatchObject({ status: "error" });
    expect(body).not.toHaveBeenCalled();
  });

  it("reads every value of a list field (checkboxes), and one value of the others", async () => {
    const lists = z.object({ numbers: z.array(z.string()).default([]), label: z.string() });
    expect(arrayFieldNames(lists)).toEqual(["numbers"]);
    const body = vi.fn(async (input: { numbers: string[]; label: string }) => input.numbers.join("+"));
    const action = validatedAction(lists, "public", body, () => "invalid");
    const data = form({ label: "x" });
    data.append("numbers", "PN1");
    data.append("numbers", "PN2");
    expect(await action("", data)).toBe("PN1+PN2");
    expect(await action("", form({ label: "x" }))).toBe("");
  });

  it("reads the fields of objects, their intersections and unions", () => {
    expect(fieldNames(signInSchema)).toEqual(["email", "password", "next"]);
    expect(fieldNames(firstAdminFormSchema)).toEqual(["token", "email", "name", "password", "confirm"]);
    expect(fieldNames(z.union([z.object({ a: z.string() }), z.object({ a: z.string(), b: z.string() })]))).toEqual(["a", "b"]);
    expect(() => fieldNames(z.string())).toThrow(/object schema/);
  });
});
