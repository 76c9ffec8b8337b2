import type { Metadata } from "next";
import { Badge } from "@/components/badge";
import { EmptyPanel } from "@/components/card";
import { CreateTokenForm } from "@/components/create-token-form";
import { LocalTime } from "@/components/local-time";
import { PageHeader } from "@/components/page-header";
import { RevokeTokenButton } from "@/components/revoke-token-button";
import { requireAdmin } from "@/lib/auth/guards";
import { listApiTokens } from "@/lib/auth/tokens";
import { getDatabase } from "@/lib/db";
import { createApiTokenAction, revokeApiTokenAction } from "./actions";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  await requireAdmin();
  const tokens = await listApiTokens(getDatabase());

  return (
    <>
      <PageHeader
        title="API tokens"
        description={
          <>
            For scripts that read the API or download CSV exports: send <code className="font-mono text-[13px]">Authorization: Bearer &lt;token&gt;</code>. Tokens
            can read, never change anything.
          </>
        }
      />

      <section aria-labelledby="create-token-title" className="rounded-xl border border-zinc-200 bg-white p-5 shadow-xs sm:p-6 dark:border-white/10 dark:bg-zinc-900">
        <h2 id="create-token-title" className="mb-4 text-base font-semibold text-zinc-950 dark:text-white">
          Create a token
        </h2>
        <CreateTokenForm action={createApiTokenAction} />
      </section>

      <section aria-labelledby="tokens-title" className="mt-10">
        <h2 id="tokens-title" className="mb-4 text-base font-semibold text-zinc-950 dark:text-white">
          Tokens
        </h2>
        {tokens.length === 0 ? (
          <EmptyPanel title="No API tokens yet">Tokens are shown once when created and stored only as a hash.</EmptyPanel>
        ) : (
          <div className="overflow-x-auto rounded-xl border border-zinc-200 bg-white shadow-xs dark:border-white/10 dark:bg-zinc-900">
            <table className="w-full min-w-[40rem] text-left text-sm">
              <caption className="sr-only">API tokens, active first</caption>
              <thead className="border-b border-zinc-200 bg-zinc-50/70 text-xs font-medium text-zinc-500 dark:border-white/10 dark:bg-white/[0.02] dark:text-zinc-400">
                <tr>
                  <th scope="col" className="px-4 py-2.5 font-medium">Name</th>
                  <th scope="col" className="px-4 py-2.5 font-medium">Created</th>
                  <th scope="col" className="px-4 py-2.5 font-medium">Last used</th>
                  <th scope="col" className="px-4 py-2.5 font-medium">Status</th>
                  <th scope="col" className="px-4 py-2.5 text-right font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-200 dark:divide-white/10">
                {tokens.map((token) => (
                  <tr key={token.id} data-testid="token-row" className="align-middle">
                    <td className="px-4 py-3">
                      <p className="font-medium text-zinc-950 dark:text-white">{token.name}</p>
                      <p className="mt-0.5 font-mono text-xs text-zinc-500 dark:text-zinc-400">{token.prefix}…</p>
                    </td>
                    <td className="px-4 py-3 text-[13px] text-zinc-600 dark:text-zinc-400">
                      <LocalTime iso={token.createdAt.toISOString()} format="medium" />
                      <p className="text-xs text-zinc-500">by {token.createdBy.email}</p>
                    </td>
                    <td className="px-4 py-3 text-[13px] whitespace-nowrap text-zinc-600 dark:text-zinc-400">
                      {token.lastUsedAt ? <LocalTime iso={token.lastUsedAt.toISOString()} format="medium" /> : "Never"}
                    </td>
                    <td className="px-4 py-3">
                      {token.revokedAt ? <Badge tone="danger">Revoked</Badge> : <Badge tone="success">Active</Badge>}
                    </td>
                    <td className="px-4 py-3 text-right">
                      {token.revokedAt ? null : <RevokeTokenButton tokenId={token.id} name={token.name} action={revokeApiTokenAction} />}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
