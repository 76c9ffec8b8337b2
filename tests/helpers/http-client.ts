/** Small helpers for talking to the production build like a browser would, without one. */

export type HttpResult = { status: number; headers: Headers; body: string };

export async function request(url: string, init: RequestInit = {}): Promise<HttpResult> {
  const res = await fetch(url, { redirect: "manual", ...init });
  const body = await readBody(res);
  return { status: res.status, headers: res.headers, body };
}

/** Reads the body, but gives up on endless streams (Server-Sent Events) after a moment. */
async function readBody(res: Response): Promise<string> {
  if (!res.body) return "";
  if (res.headers.get("content-type")?.includes("text/event-stream")) {
    await res.body.cancel();
    return "";
  }
  return res.text();
}

const ENTITIES: Record<string, string> = { "&quot;": '"', "&amp;": "&", "&#x27;": "'", "&#39;": "'", "&lt;": "<", "&gt;": ">" };

function decode(value: string): string {
  return value.replace(/&(quot|amp|#x27|#39|lt|gt);/g, (m) => ENTITIES[m] ?? m);
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name.replace(/[$]/g, "\\$")}="([^"]*)"`).exec(tag);
  return match ? decode(match[1]!) : undefined;
}

/**
 * The hidden inputs React renders into a server-action form (action id, bound arguments, state),
 * for the form that contains an input or button matching `marker`.
 */
export function hiddenInputsOfForm(html: string, marker: RegExp): Record<string, string> {
  const forms = html.match(/<form[\s\S]*?<\/form>/g) ?? [];
  const form = forms.find((f) => marker.test(f));
  if (!form) throw new Error(`no form matching ${marker} in page`);
  const fields: Record<string, string> = {};
  for (const tag of form.match(/<input[^>]*>/g) ?? []) {
    if (attribute(tag, "type") !== "hidden") continue;
    const name = attribute(tag, "name");
    if (name) fields[name] = attribute(tag, "value") ?? "";
  }
  return fields;
}

/** Submits a page's server-action form the way a browser without JavaScript would (multipart POST). */
export async function submitForm(
  pageUrl: string,
  html: string,
  marker: RegExp,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  const body = new FormData();
  for (const [name, value] of Object.entries({ ...hiddenInputsOfForm(html, marker), ...fields })) body.append(name, value);
  return request(pageUrl, { method: "POST", body, headers: { Origin: new URL(pageUrl).origin, ...headers } });
}

/** The `name=value` of a Set-Cookie header, or undefined. */
export function cookieFrom(result: HttpResult, name: string): { pair: string; attributes: string } | undefined {
  const header = result.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  if (!header) return undefined;
  const [pair, ...attributes] = header.split(";");
  return { pair: pair!.trim(), attributes: attributes.join(";").trim() };
}
