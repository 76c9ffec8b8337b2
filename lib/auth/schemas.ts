import { z } from "zod";
import { ROLES } from "./types";

/**
 * Input schemas shared by the forms (limits shown to the user, HTML constraints) and the server
 * actions and CLI that validate them. Pure zod: safe to import from client components.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
export const NAME_MAX_LENGTH = 120;
export const TOKEN_NAME_MAX_LENGTH = 80;

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { message: `Use at least ${PASSWORD_MIN_LENGTH} characters.` })
  .max(PASSWORD_MAX_LENGTH, { message: `Use at most ${PASSWORD_MAX_LENGTH} characters.` });

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, { message: "Enter your email address." })
  .max(254, { message: "That email address is too long." })
  .pipe(z.email({ message: "Enter an email address such as jane@example.com." }));

export const roleSchema = z.enum(ROLES, { message: "Choose admin or staff." });

const optionalNameSchema = z
  .string()
  .trim()
  .max(NAME_MAX_LENGTH, { message: `Use at most ${NAME_MAX_LENGTH} characters.` })
  .optional()
  .transform((v) => (v ? v : null));

export const idSchema = z.coerce.number().int().positive();

export const signInSchema = z.object({
  email: z.string().trim().min(1, { message: "Enter your email address." }).max(254),
  // Not the password policy: old passwords must still work, and the form must not hint at rules.
  password: z.string().min(1, { message: "Enter your password." }).max(PASSWORD_MAX_LENGTH),
  next: z.string().optional(),
});

/** The admin "Add user" form and `npm run users -- create`. An empty password means "make an invite link". */
export const createUserSchema = z.object({
  email: emailSchema,
  name: optionalNameSchema,
  role: roleSchema,
  password: z.union([z.literal("").transform(() => undefined), passwordSchema]).optional(),
});

export const USER_INTENTS = ["make_admin", "make_staff", "deactivate", "reactivate", "reset_password"] as const;
export type UserIntent = (typeof USER_INTENTS)[number];
/** The row buttons on /admin/users: one user, one change. */
export const manageUserSchema = z.object({ userId: idSchema, intent: z.enum(USER_INTENTS, { message: "Unknown change." }) });

export const setPasswordSchema = z
  .object({ password: passwordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: "The two passwords differ.", path: ["confirm"] });

export const firstAdminSchema = z
  .object({ email: emailSchema, name: optionalNameSchema, password: passwordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: "The two passwords differ.", path: ["confirm"] });

/** The setup page's forms carry the link's token in a hidden field. */
const setupTokenSchema = z.object({ token: z.string().min(20).max(200) });
export const firstAdminFormSchema = setupTokenSchema.and(firstAdminSchema);
export const setPasswordFormSchema = setupTokenSchema.and(setPasswordSchema);

export const apiTokenNameSchema = z
  .string()
  .trim()
  .min(1, { message: "Give the token a name." })
  .max(TOKEN_NAME_MAX_LENGTH, { message: `Use at most ${TOKEN_NAME_MAX_LENGTH} characters.` });

export const createApiTokenSchema = z.object({ name: apiTokenNameSchema });
export const apiTokenIdSchema = z.object({ tokenId: idSchema });
