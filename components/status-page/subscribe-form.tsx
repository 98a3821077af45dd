/** Works without JavaScript: a plain form posting to /status/{slug}/subscribe (double opt-in by email). */
export function SubscribeForm({ slug }: { slug: string }) {
  return (
    <section className="sp-card mt-10 rounded-xl px-5 py-4" aria-labelledby="subscribe">
      <h2 id="subscribe" className="text-base font-semibold">
        Get updates by email
      </h2>
      <p className="sp-muted mt-1 text-sm">Incidents, their updates and maintenance. Unsubscribe with one click from any email.</p>
      <form method="post" action={`/status/${slug}/subscribe`} className="mt-3 flex flex-wrap gap-2">
        <label htmlFor="subscribe-email" className="sr-only">
          Email address
        </label>
        <input
          id="subscribe-email"
          name="email"
          type="email"
          required
          autoComplete="email"
          placeholder="you@example.com"
          className="sp-card min-w-0 flex-1 rounded-md px-3 py-2 text-sm"
        />
        <button type="submit" className="sp-banner-operational rounded-md px-4 py-2 text-sm font-semibold">
          Subscribe
        </button>
      </form>
    </section>
  );
}
