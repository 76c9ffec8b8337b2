"use client";

import { useLayoutEffect, useSyncExternalStore, type ComponentType } from "react";
import { MonitorIcon, MoonIcon, SunIcon } from "@/components/icons";
import { isThemeChoice, THEME_STORAGE_KEY, type ThemeChoice } from "@/lib/theme";

const DARK_QUERY = "(prefers-color-scheme: dark)";
const listeners = new Set<() => void>();

function readChoice(): ThemeChoice {
  try {
    const stored = localStorage.getItem(THEME_STORAGE_KEY);
    return isThemeChoice(stored) ? stored : "system";
  } catch {
    return "system"; // storage disabled (privacy mode): follow the system
  }
}

/** Same rule as THEME_INIT_SCRIPT, for changes after the first paint. */
function applyTheme(choice: ThemeChoice): void {
  const root = document.documentElement;
  const dark = choice === "dark" || (choice === "system" && window.matchMedia(DARK_QUERY).matches);
  if (root.classList.contains("dark") === dark) return;
  // Switch every colour at once instead of animating each transition-colors element (globals.css).
  root.classList.add("theme-switching");
  root.classList.toggle("dark", dark);
  void getComputedStyle(root).color; // apply the new colours while transitions are off
  requestAnimationFrame(() => root.classList.remove("theme-switching"));
}

function saveChoice(choice: ThemeChoice): void {
  try {
    if (choice === "system") localStorage.removeItem(THEME_STORAGE_KEY);
    else localStorage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Not persisted, but still applied for this page view.
  }
  applyTheme(choice);
  listeners.forEach((notify) => notify());
}

function subscribe(notify: () => void): () => void {
  listeners.add(notify);
  // Another tab changed the theme.
  const onStorage = (event: StorageEvent) => {
    if (event.key !== THEME_STORAGE_KEY && event.key !== null) return;
    applyTheme(readChoice());
    notify();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(notify);
    window.removeEventListener("storage", onStorage);
  };
}

const OPTIONS: { value: ThemeChoice; label: string; Icon: ComponentType<{ className?: string }> }[] = [
  { value: "system", label: "System", Icon: MonitorIcon },
  { value: "light", label: "Light", Icon: SunIcon },
  { value: "dark", label: "Dark", Icon: MoonIcon },
];

/** System / Light / Dark. The server renders "System"; the stored choice shows right after hydration. */
export function ThemeToggle() {
  const choice = useSyncExternalStore(subscribe, readChoice, () => "system" as const);

  useLayoutEffect(() => {
    // React's development remount clears the class the <head> script set; re-apply (no-op in production).
    applyTheme(readChoice());
    // While following the system, follow it live too.
    const media = window.matchMedia(DARK_QUERY);
    const onChange = () => applyTheme(readChoice());
    media.addEventListener("change", onChange);
    return () => media.removeEventListener("change", onChange);
  }, []);

  return (
    <div
      role="group"
      aria-label="Theme"
      className="inline-flex items-center gap-0.5 rounded-lg bg-zinc-200/60 p-0.5 ring-1 ring-inset ring-zinc-950/5 dark:bg-white/[0.06] dark:ring-white/10"
    >
      {OPTIONS.map(({ value, label, Icon }) => {
        const selected = choice === value;
        return (
          <button
            key={value}
            type="button"
            aria-pressed={selected}
            title={`${label} theme`}
            onClick={() => saveChoice(value)}
            className={[
              "inline-flex h-7 items-center justify-center gap-1.5 rounded-md px-2 text-xs font-medium transition-colors md:flex-1",
              selected
                ? "bg-white text-zinc-900 shadow-sm ring-1 ring-zinc-950/5 dark:bg-zinc-700 dark:text-white dark:ring-white/10"
                : "text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white",
            ].join(" ")}
          >
            <Icon className="size-3.5" />
            <span className="sr-only md:not-sr-only">{label}</span>
          </button>
        );
      })}
    </div>
  );
}
