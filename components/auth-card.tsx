import type { ReactNode } from "react";
import { LogoMark } from "@/components/icons";

/** The centred panel of the signed-out pages (/login, /setup/…); the root layout provides <main>. */
export function AuthCard({ title, description, children, footer }: { title: string; description?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col items-center justify-center bg-zinc-50 px-4 py-12 dark:bg-[#0c0c0e]">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center text-center">
          <LogoMark className="size-10" />
          <p className="mt-3 text-sm font-semibold tracking-tight text-zinc-900 dark:text-white">OpenPhone Inbox</p>
        </div>
        <section
          aria-labelledby="auth-card-title"
          className="rounded-xl border border-zinc-200 bg-white px-6 py-7 shadow-sm sm:px-8 dark:border-white/10 dark:bg-zinc-900 dark:shadow-none"
        >
          <h1 id="auth-card-title" className="text-xl font-semibold tracking-tight text-zinc-950 dark:text-white">
            {title}
          </h1>
          {description ? <p className="mt-1.5 text-sm text-zinc-600 dark:text-zinc-400">{description}</p> : null}
          <div className="mt-6">{children}</div>
        </section>
        {footer ? <div className="mt-6 text-center text-xs text-zinc-500 dark:text-zinc-400">{footer}</div> : null}
      </div>
    </div>
  );
}
