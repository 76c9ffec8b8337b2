export function applyClientAddress(headers: Record<string, string | string[] | undefined>, socketAddress: string | undefined, hops: number): void;
