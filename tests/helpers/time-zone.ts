/**
 * The first of `zones` where the local hour right now is in [fromHour, toHour).
 *
 * Specs that seed activity "minutes ago" and then assert on calendar days (a "Today" heading, a
 * from-date filter) only hold when local time is clear of midnight; a fixed zone makes them fail
 * for an hour or two every night. Picking among zones far apart always finds one that is clear.
 */
export function zoneClearOfMidnight(zones: readonly string[], fromHour = 3, toHour = 22, now = new Date()): string {
  for (const zone of zones) {
    const hour = Number(new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", hourCycle: "h23" }).format(now));
    if (hour >= fromHour && hour < toHour) return zone;
  }
  throw new Error(`None of ${zones.join(", ")} is between ${fromHour}:00 and ${toHour}:00 at ${now.toISOString()}`);
}
