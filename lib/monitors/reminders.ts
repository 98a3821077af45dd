/** The reminder intervals the form offers (the API takes any whole number of minutes from 5 to 1440). Client-safe. */
export const REMINDER_CHOICES: { minutes: number | null; label: string }[] = [
  { minutes: null, label: "Never" },
  { minutes: 5, label: "Every 5 minutes" },
  { minutes: 15, label: "Every 15 minutes" },
  { minutes: 30, label: "Every 30 minutes" },
  { minutes: 60, label: "Every hour" },
  { minutes: 240, label: "Every 4 hours" },
  { minutes: 1440, label: "Every day" },
];
