import { describe, expect, it } from "vitest";
import { THEME_INIT_SCRIPT, THEME_STORAGE_KEY } from "@/lib/theme";

/** Runs the <head> script against a fake document, storage and media query; returns whether `dark` was set. */
function runInitScript({ stored, systemDark, storageThrows = false }: { stored: string | null; systemDark: boolean; storageThrows?: boolean }) {
  const classes = new Set<string>();
  const documentStub = {
    documentElement: {
      classList: {
        toggle: (name: string, force: boolean) => (force ? classes.add(name) : classes.delete(name)),
      },
    },
  };
  const localStorageStub = {
    getItem: (key: string) => {
      if (storageThrows) throw new Error("SecurityError");
      return key === THEME_STORAGE_KEY ? stored : null;
    },
  };
  const windowStub = { matchMedia: (query: string) => ({ matches: query === "(prefers-color-scheme: dark)" && systemDark }) };
  new Function("document", "localStorage", "window", THEME_INIT_SCRIPT)(documentStub, localStorageStub, windowStub);
  return classes.has("dark");
}

describe("THEME_INIT_SCRIPT", () => {
  it("follows the system when nothing is stored", () => {
    expect(runInitScript({ stored: null, systemDark: true })).toBe(true);
    expect(runInitScript({ stored: null, systemDark: false })).toBe(false);
  });

  it("honours an explicit choice over the system", () => {
    expect(runInitScript({ stored: "dark", systemDark: false })).toBe(true);
    expect(runInitScript({ stored: "light", systemDark: true })).toBe(false);
  });

  it("treats unknown values as 'system' and survives disabled storage", () => {
    expect(runInitScript({ stored: "purple", systemDark: true })).toBe(true);
    expect(runInitScript({ stored: null, systemDark: true, storageThrows: true })).toBe(false);
  });

  it("is one constant expression, so a CSP hash of it stays valid", () => {
    expect(THEME_INIT_SCRIPT).toContain(JSON.stringify(THEME_STORAGE_KEY));
    expect(THEME_INIT_SCRIPT).not.toMatch(/\$\{|<\/script/i);
  });
});
