import { describeParty } from "@/lib/format/phone-number";

/** A number, or a workspace user id shown as a teammate (never formatted as a number). */
export function Party({ value }: { value: string }) {
  const party = describeParty(value);
  if (!party.userId) return <span className="tabular-nums">{party.label}</span>;
  return (
    <span>
      {party.label.charAt(0).toUpperCase() + party.label.slice(1)}{" "}
      <code className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{party.userId}</code>
    </span>
  );
}
