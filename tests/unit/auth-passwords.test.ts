import { describe, expect, it } from "vitest";
import { generatePassword, hashPassword, needsRehash, verifyPassword } from "@/lib/auth/passwords";

// N=2^17 takes a few hundred ms per hash, and seconds on a busy machine.
describe("password hashing (scrypt)", { timeout: 60_000 }, () => {
  it("verifies the right password only, with a fresh salt each time", async () => {
    const a = await hashPassword("correct horse battery");
    const b = await hashPassword("correct horse battery");
    expect(a).toMatch(/^scrypt\$17\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("correct horse battery", a)).toBe(true);
    expect(await verifyPassword("correct horse batterY", a)).toBe(false);
    expect(await verifyPassword("", a)).toBe(false);
    expect(needsRehash(a)).toBe(false);
  });

  it("treats Unicode forms alike (NFKC)", async () => {
    const hash = await hashPassword("caf\u00e9 au lait!!");
    expect(await verifyPassword("cafe\u0301 au lait!!", hash)).toBe(true);
  });

  it("rejects malformed or tampered hashes without throwing, and never asks for absurd memory", async () => {
    const good = await hashPassword("correct horse battery");
    const parts = good.split("$");
    for (const bad of ["", "plain", "bcrypt$x", parts.slice(0, 5).join("$"), ["scrypt", "30", "8", "1", parts[4], parts[5]].join("$"), ["scrypt", "15", "8", "1", parts[4], "AAAA"].join("$")]) {
      expect(await verifyPassword("correct horse battery", bad)).toBe(false);
    }
    expect(needsRehash(["scrypt", "14", "8", "1", parts[4], parts[5]].join("$"))).toBe(true);
  });

  it("generates readable random passwords", () => {
    const passwords = new Set(Array.from({ length: 50 }, () => generatePassword()));
    expect(passwords.size).toBe(50);
    for (const p of passwords) expect(p).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{20}$/);
  });
});
