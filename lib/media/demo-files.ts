import fs from "node:fs/promises";
import path from "node:path";

const PUBLIC_DIR = path.join(process.cwd(), "public");
const DEMO_DIR = path.join(PUBLIC_DIR, "demo");

/**
 * Reads one of the offline demo media files (public/demo/…) by its URL path. The simulator stores
 * absolute URLs of this app itself (http://localhost:3000/demo/…); reading them from disk avoids
 * the server requesting itself. Anything outside public/demo/ reads as missing.
 */
export async function readDemoFile(pathname: string): Promise<Uint8Array | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const file = path.resolve(PUBLIC_DIR, `.${decoded}`);
  if (!file.startsWith(DEMO_DIR + path.sep)) return null;
  try {
    return new Uint8Array(await fs.readFile(file));
  } catch {
    return null;
  }
}
