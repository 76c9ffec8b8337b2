/** Theme choice shared by the inline <head> script and the toggle. No server-only imports: the toggle is a client leaf. */

export const THEME_STORAGE_KEY = "openphone-inbox:theme";

export const THEME_CHOICES = ["system", "light", "dark"] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

export function isThemeChoice(value: unknown): value is ThemeChoice {
  return typeof value === "string" && (THEME_CHOICES as readonly string[]).includes(value);
}

/**
 * Runs in <head> before the first paint so the page never flashes the wrong theme. A literal on
 * purpose: a Content-Security-Policy can allow it by hash ('sha256-…') without 'unsafe-inline'
 * (tests/unit/theme.test.ts checks it uses THEME_STORAGE_KEY). Anything but "light" or "dark" in
 * storage means "follow the system".
 */
export const THEME_INIT_SCRIPT =
  '(function(){try{var c=localStorage.getItem("openphone-inbox:theme");var d=c==="dark"||(c!=="light"&&window.matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.classList.toggle("dark",d)}catch(e){}})()';
