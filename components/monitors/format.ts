/** "every 60 s", "every 5 min", "every 1 h" for intervals and periods. */
export function formatEvery(seconds: number): string {
  if (seconds % 3600 === 0) return `every ${seconds / 3600} h`;
  if (seconds % 60 === 0) return `every ${seconds / 60} min`;
  return `every ${seconds} s`;
}

/** "just now", "5 min ago", "3 h ago", "2 d ago": short enough for a table cell. */
export function timeAgo(at: Date | null, now = Date.now()): string {
  if (!at) return "Never";
  const s = Math.max(0, Math.round((now - at.getTime()) / 1000));
  if (s < 10) return "just now";
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}
