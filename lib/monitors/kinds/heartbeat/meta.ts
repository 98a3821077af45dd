/** Client-safe description of the kind (the form's kind picker imports it). */
export const heartbeatMeta = {
  type: "heartbeat" as const,
  label: "Heartbeat",
  noun: "heartbeat",
  hint: "Your cron job or worker pings Vigil; a missed or failed run opens an incident.",
};
