import { z } from "zod";
import type { AppDatabase } from "../db/types";
import { getCallDetail } from "../calls/detail";
import { getConversation, getMessage, listConversationItems, THREAD_PAGE_SIZE } from "../conversations/queries";
import { decodeKeysetCursor } from "../cursor";
import { ERROR_STATUS, type ErrorCode } from "./errors";

/**
 * The read API (GET /api/calls/…, /api/messages/…, /api/conversations/…): plain functions from
 * path/query parameters to `{ status, body }`, so the route files only do transport. Bodies carry
 * media as our proxy URLs, never the upstream ones.
 */
export type ApiResult = { status: number; body: unknown };

/** An expected failure, with the status lib/http/errors.ts gives its code. */
const failure = (code: ErrorCode, message: string): ApiResult => ({ status: ERROR_STATUS[code], body: { error: code, message } });
const notFound = (what: string): ApiResult => failure("not_found", `No such ${what}.`);

const openphoneIdSchema = z.string().trim().min(1).max(128);

export async function readCall(db: AppDatabase, openphoneCallId: string): Promise<ApiResult> {
  const id = openphoneIdSchema.safeParse(openphoneCallId);
  const call = id.success ? await getCallDetail(db, id.data) : null;
  return call ? { status: 200, body: { call } } : notFound("call");
}

export async function readMessage(db: AppDatabase, openphoneMessageId: string): Promise<ApiResult> {
  const id = openphoneIdSchema.safeParse(openphoneMessageId);
  const message = id.success ? await getMessage(db, id.data) : null;
  return message ? { status: 200, body: { message } } : notFound("message");
}

const conversationQuerySchema = z.object({
  id: z.coerce.number().int().positive().max(2 ** 31 - 1),
  before: z.string().max(64).nullish(),
  limit: z.coerce.number().int().min(1).max(200).default(THREAD_PAGE_SIZE).catch(THREAD_PAGE_SIZE),
});

/** A conversation with its contact and latest items (oldest first); `olderCursor` pages back (`?before=`). */
export async function readConversation(db: AppDatabase, params: { id: string; before: string | null; limit: string | null }): Promise<ApiResult> {
  const parsed = conversationQuerySchema.safeParse({ ...params, limit: params.limit ?? undefined });
  if (!parsed.success) return notFound("conversation");
  const before = parsed.data.before ? decodeKeysetCursor(parsed.data.before) : null;
  if (parsed.data.before && !before) return failure("bad_cursor", "The `before` cursor is malformed.");
  const conversation = await getConversation(db, parsed.data.id);
  if (!conversation) return notFound("conversation");
  const page = await listConversationItems(db, conversation.id, { before, limit: parsed.data.limit });
  return { status: 200, body: { conversation, items: page.items, olderCursor: page.olderCursor } };
}
