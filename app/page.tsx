import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/guards";

export default async function Home() {
  await requireUser();
  redirect("/activity");
}
