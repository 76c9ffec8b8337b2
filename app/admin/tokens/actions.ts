"use server";

import { revalidatePath } from "next/cache";
import { invalidForm, type FormState } from "@/lib/auth/forms";
import { apiTokenIdSchema, createApiTokenSchema } from "@/lib/auth/schemas";
import { createApiToken, revokeApiToken } from "@/lib/auth/tokens";
import { validatedAction } from "@/lib/auth/validated-action";
import { getDatabase } from "@/lib/db";

/** A new named token; its value is in the answer once and stored only as a hash. */
export const createApiTokenAction = validatedAction(
  createApiTokenSchema,
  "admin",
  async ({ name }, { user }): Promise<FormState> => {
    const { token } = await createApiToken(getDatabase(), { name, createdById: user.id }, new Date());
    revalidatePath("/admin/tokens");
    return { status: "success", message: `Copy the token for “${name}” now: it won't be shown again.`, secret: token };
  },
  invalidForm(["name"]),
);

export const revokeApiTokenAction = validatedAction(
  apiTokenIdSchema,
  "admin",
  async ({ tokenId }): Promise<FormState> => {
    const revoked = await revokeApiToken(getDatabase(), tokenId, new Date());
    revalidatePath("/admin/tokens");
    return revoked ? { status: "success" } : { status: "error", message: "That token was already revoked." };
  },
  (): FormState => ({ status: "error", message: "Unknown token." }),
);
