"use server";

import { revalidatePath } from "next/cache";
import { fieldErrorsOf, formText, type FormState } from "@/lib/auth/forms";
import { requireAdmin } from "@/lib/auth/guards";
import { apiTokenIdSchema, createApiTokenSchema } from "@/lib/auth/schemas";
import { createApiToken, revokeApiToken } from "@/lib/auth/tokens";
import { getDatabase } from "@/lib/db";

/** A new named token; its value is in the answer once and stored only as a hash. */
export async function createApiTokenAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const admin = await requireAdmin();
  const input = { name: formText(formData, "name") };
  const parsed = createApiTokenSchema.safeParse(input);
  if (!parsed.success) return { status: "error", fieldErrors: fieldErrorsOf(parsed.error), values: input };
  const { token } = await createApiToken(getDatabase(), { name: parsed.data.name, createdById: admin.id }, new Date());
  revalidatePath("/admin/tokens");
  return { status: "success", message: `Copy the token for “${parsed.data.name}” now: it won't be shown again.`, secret: token };
}

export async function revokeApiTokenAction(_previous: FormState, formData: FormData): Promise<FormState> {
  await requireAdmin();
  const parsed = apiTokenIdSchema.safeParse({ tokenId: formText(formData, "tokenId") });
  if (!parsed.success) return { status: "error", message: "Unknown token." };
  const revoked = await revokeApiToken(getDatabase(), parsed.data.tokenId, new Date());
  revalidatePath("/admin/tokens");
  return revoked ? { status: "success" } : { status: "error", message: "That token was already revoked." };
}
