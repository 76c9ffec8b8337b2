/**
 * Turning what a person typed into safe search inputs. Pure functions: no database here.
 *
 * FTS5 has its own query language (AND/OR/NOT/NEAR, `*`, `^`, column filters, quotes); raw input
 * breaks MATCH or changes its meaning. Every token is therefore quoted as a string (`"tok"`, an
 * embedded quote doubled), the tokens are ANDed, and the last one is a prefix (`"tok"*`) so a
 * half-typed word already finds something.
 */

export const MAX_SEARCH_TOKENS = 16;
const MAX_TOKEN_CHARS = 64;

/** Whitespace-separated tokens that contain at least one letter or digit. */
export function searchTokens(q: string): string[] {
  return q
    .split(/\s+/u)
    .map((token) => token.slice(0, MAX_TOKEN_CHARS))
    .filter((token) => /[\p{L}\p{N}]/u.test(token))
    .slice(0, MAX_SEARCH_TOKENS);
}

/** The FTS5 MATCH expression for `q`, or null when nothing searchable is left. */
export function ftsMatchExpression(q: string): string | null {
  const tokens = searchTokens(q);
  if (tokens.length === 0) return null;
  return tokens.map((token, i) => `"${token.replaceAll('"', '""')}"${i === tokens.length - 1 ? "*" : ""}`).join(" ");
}

/** The digits of a query that looks like a phone number ("415 555 0123", "+1 (415) 555-0123"), else null. */
export function phoneDigits(q: string): string | null {
  if (!/^[\s\d()+.\-]+$/.test(q)) return null;
  const digits = q.replace(/\D/g, "");
  return digits.length >= 3 && digits.length <= 15 ? digits : null;
}

/** Tokens to look for in contact names and companies (each must appear), or [] when none qualify. */
export function nameTokens(q: string): string[] {
  return searchTokens(q)
    .map((token) => token.replace(/[^\p{L}\p{N}'&.-]/gu, ""))
    .filter((token) => token.length >= 2)
    .slice(0, 5);
}

/** A LIKE pattern matching `text` anywhere, with LIKE's wildcards escaped (use ESCAPE '\'). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Private-use characters that mark highlighted spans in snippets; React turns them into <mark>. */
export const HIGHLIGHT_START = "\uE000";
export const HIGHLIGHT_END = "\uE001";

export type SnippetPart = { text: string; highlighted: boolean };

/** Splits a marked snippet into plain and highlighted parts (unbalanced markers are tolerated). */
export function splitHighlights(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let highlighted = false;
  let current = "";
  for (const char of snippet) {
    if (char === HIGHLIGHT_START || char === HIGHLIGHT_END) {
      if (current) parts.push({ text: current, highlighted });
      current = "";
      highlighted = char === HIGHLIGHT_START;
      continue;
    }
    current += char;
  }
  if (current) parts.push({ text: current, highlighted });
  return parts;
}
