import { describeParty } from "@/lib/format/phone-number";

/**
 * A number, or a workspace user: by name when OpenPhone's directory knows them (lib/openphone/directory.ts),
 * otherwise as "A teammate" with the US… id. Never formatted as a number.
 */
export function Party({ value, names }: { value: string; names?: ReadonlyMap<string, string> }) {
  const party = describeParty(value);
  if (!party.userId) return <span className="tabular-nums">{party.label}</span>;
  const name = names?.get(party.userId);
  if (name) return <span title={party.userId}>{name}</span>;
  return (
    <span>
      {party.label.charAt(0).toUpperCase() + party.label.slice(1)}{" "}
      <code className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{party.userId}</code>
    </span>
  );
}
