"use client";

import { useEffect, useRef, useState } from "react";
import { CheckIcon, CopyIcon } from "@/components/icons";

/** Copies `value`; falls back to a hidden textarea where the Clipboard API is unavailable (plain http). */
export function CopyButton({ value, label = "Copy", tone = "light" }: { value: string; label?: string; tone?: "light" | "dark" }) {
  const [copied, setCopied] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      const area = document.createElement("textarea");
      area.value = value;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.append(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
    setCopied(true);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setCopied(false), 2000);
  }

  return (
    <button
      type="button"
      onClick={copy}
      aria-label={copied ? "Copied" : label}
      className={[
        "inline-flex h-8 shrink-0 items-center gap-1.5 rounded-md px-2.5 text-xs font-medium transition-colors",
        tone === "dark"
          ? "bg-white/10 text-zinc-100 ring-1 ring-white/15 hover:bg-white/15 hover:text-white"
          : "bg-white text-zinc-700 shadow-xs ring-1 ring-zinc-950/10 hover:bg-zinc-50 hover:text-zinc-900 dark:bg-white/5 dark:text-zinc-200 dark:shadow-none dark:ring-white/10 dark:hover:bg-white/10 dark:hover:text-white",
      ].join(" ")}
    >
      {copied ? <CheckIcon className={`size-3.5 ${tone === "dark" ? "text-emerald-400" : "text-emerald-600 dark:text-emerald-400"}`} /> : <CopyIcon className="size-3.5" />}
      <span aria-hidden="true">{copied ? "Copied" : "Copy"}</span>
      <span role="status" className="sr-only">
        {copied ? "Copied to clipboard" : ""}
      </span>
    </button>
  );
}
