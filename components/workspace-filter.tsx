"use client";

import Form from "next/form";
import { formatPhoneNumber } from "@/lib/format/phone-number";

export type WorkspaceNumberOption = { id: number; name: string | null; number: string | null };

/**
 * Filter a page by workspace number: a GET form to `action` that keeps the page's other parameters
 * (`keep`, sent as hidden fields). It works without JavaScript via its button; with JavaScript,
 * choosing an option submits it as a client-side navigation.
 */
export function WorkspaceFilter({
  action,
  id,
  numbers,
  selected,
  keep,
}: {
  action: string;
  id: string;
  numbers: WorkspaceNumberOption[];
  selected: number | null;
  keep: Record<string, string>;
}) {
  return (
    <Form action={action} className="flex items-center gap-2">
      {Object.entries(keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label htmlFor={id} className="text-xs font-medium text-zinc-500 dark:text-zinc-400">
        Number
      </label>
      <select
        id={id}
        name="number"
        defaultValue={selected ? String(selected) : ""}
        onChange={(event) => event.currentTarget.form?.requestSubmit()}
        className="h-8 max-w-[14rem] cursor-pointer truncate rounded-md border-0 bg-white py-0 pr-8 pl-2.5 text-sm text-zinc-800 shadow-xs ring-1 ring-zinc-950/10 ring-inset dark:bg-white/5 dark:text-zinc-100 dark:ring-white/10"
      >
        <option value="">All numbers</option>
        {numbers.map((n) => (
          <option key={n.id} value={String(n.id)}>
            {[n.name, n.number ? formatPhoneNumber(n.number) : null].filter(Boolean).join(" · ") || `Number ${n.id}`}
          </option>
        ))}
      </select>
      <button
        type="submit"
        className="sr-only rounded-md bg-zinc-900 px-2.5 py-1 text-xs font-medium text-white focus:not-sr-only dark:bg-white dark:text-zinc-900"
      >
        Apply
      </button>
    </Form>
  );
}
