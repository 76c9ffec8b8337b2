import { CopyButton } from "@/components/copy-button";

/** A value shown once (invite link, API token): monospace, selectable, with a copy button. */
export function OneTimeSecret({ value, label, testId }: { value: string; label: string; testId?: string }) {
  return (
    <div className="mt-2 flex items-center gap-2 rounded-lg border border-zinc-200 bg-white py-1 pr-1 pl-3 dark:border-white/10 dark:bg-black/30">
      <code data-testid={testId} className="min-w-0 flex-1 font-mono text-[13px] break-all text-zinc-900 select-all dark:text-zinc-100">
        {value}
      </code>
      <CopyButton value={value} label={label} />
    </div>
  );
}
