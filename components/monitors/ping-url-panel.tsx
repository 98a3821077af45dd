import { Card } from "@/components/ui/card";
import { CopyButton } from "./copy-button";

/** Where a heartbeat's job should ping, with a copy button and a ready-made curl line. */
export function PingUrlPanel({ url, justCreated }: { url: string; justCreated?: boolean }) {
  const curl = `curl -fsS -m 10 --retry 3 ${url}`;
  return (
    <Card className="space-y-4 p-6" data-testid="ping-url-panel">
      <div>
        <h2 className="text-base font-semibold">{justCreated ? "Monitor created: now make your job ping it" : "Ping URL"}</h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Request this URL (GET, POST or HEAD) each time the job succeeds. Append <code className="font-mono">/start</code> when it starts,{" "}
          <code className="font-mono">/fail</code> or an exit code like <code className="font-mono">/1</code> when it fails. Keep it secret: anyone with the URL
          can ping.
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <code className="min-w-0 flex-1 break-all rounded-md bg-slate-100 px-3 py-2 font-mono text-sm dark:bg-slate-800" data-testid="ping-url">
          {url}
        </code>
        <CopyButton text={url} label="Copy URL" testId="copy-ping-url" />
      </div>
      <div>
        <p className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">Example, at the end of a cron job</p>
        <div className="flex flex-wrap items-center gap-2">
          <pre
            className="min-w-0 flex-1 overflow-x-auto rounded-md bg-slate-900 px-3 py-2 font-mono text-xs text-slate-100 dark:bg-black"
            data-testid="ping-curl"
          >
            {`0 3 * * * /usr/local/bin/backup.sh && ${curl}`}
          </pre>
          <CopyButton text={curl} label="Copy curl" />
        </div>
      </div>
    </Card>
  );
}
