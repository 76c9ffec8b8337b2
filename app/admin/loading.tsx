import { AdminSkeleton } from "@/components/skeletons";

export default function Loading() {
  return <AdminSkeleton />;
}
