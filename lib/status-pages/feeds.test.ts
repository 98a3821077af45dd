import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { statusPageAtom, statusPageRss } from "./feeds";
import type { PublicStatusPage } from "./public";

const page: PublicStatusPage = {
  slug: "acme",
  title: 'Acme <Cloud> & "Co" status',
  description: "Ops ]]> notes & <b>bold</b>\u0007",
  overall: "partial",
  groups: [],
  activeIncidents: [
    {
      id: "aaaaaaaaaaaaaaaaaaaaaa",
      monitor: "API <v2>",
      startedAt: "2026-12-01T21:20:26.123Z",
      resolvedAt: null,
      endedBy: null,
      summary: "Returning errors (HTTP 503)",
    },
  ],
  history: [
    {
      id: "bbbbbbbbbbbbbbbbbbbbbb",
      monitor: "Web & CDN",
      startedAt: "2026-11-28T10:00:00.000Z",
      resolvedAt: "2026-11-28T10:12:00.000Z",
      endedBy: "recovery",
      summary: "Not responding (timeouts)",
    },
  ],
  customDomain: null,
  branding: { theme: "auto", accentColor: null, bannerText: null, logoUrl: null, footerLinks: [], hidePoweredBy: false },
  generatedAt: "2026-12-01T21:25:00.000Z",
};
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name) => ["item", "entry", "link"].includes(name) });
const RFC822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describe("RSS 2.0 feed", () => {
  const xml = statusPageRss(page, "https://vigil.example");
  const rss = parser.parse(xml).rss;

  it("is well-formed XML with the channel's required elements and a self link", () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(rss["@version"]).toBe("2.0");
    expect(rss.channel.title).toBe('Acme <Cloud> & "Co" status');
    expect(rss.channel.link).toEqual(["https://vigil.example/status/acme"]);
    expect(rss.channel.description).toBe("Ops ]]> notes & <b>bold</b>");
    expect(rss.channel["atom:link"]).toMatchObject({ "@href": "https://vigil.example/status/acme/feed.rss", "@rel": "self", "@type": "application/rss+xml" });
    expect(rss.channel.lastBuildDate).toMatch(RFC822);
  });

  it("has one item per incident, newest first, with stable GUIDs and RFC 822 dates", () => {
    expect(rss.channel.item).toHaveLength(2);
    const [ongoing, resolved] = rss.channel.item;
    expect(ongoing.title).toBe("Ongoing: API <v2> — Returning errors (HTTP 503)");
    expect(resolved.title).toBe("Resolved: Web & CDN — Not responding (timeouts)");
    expect(ongoing.guid).toMatchObject({ "#text": "urn:vigil:status:acme:aaaaaaaaaaaaaaaaaaaaaa", "@isPermaLink": "false" });
    expect(ongoing.pubDate).toBe("Tue, 01 Dec 2026 21:20:26 GMT");
    expect(resolved.pubDate).toMatch(RFC822);
    expect(statusPageRss(page, "https://vigil.example")).toBe(xml); // same input, same bytes: GUIDs don't move
  });
});

describe("Atom 1.0 feed", () => {
  const xml = statusPageAtom(page, "https://vigil.example");
  const feed = parser.parse(xml).feed;

  it("is well-formed XML with the feed's required elements (id, title, updated, author, self link)", () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(feed.id).toBe("urn:vigil:status:acme");
    expect(feed.title).toBe('Acme <Cloud> & "Co" status');
    expect(feed.updated).toMatch(RFC3339);
    expect(feed.updated).toBe("2026-12-01T21:20:26Z");
    expect(feed.author.name).toBe('Acme <Cloud> & "Co" status');
    expect(feed.link).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ "@rel": "self", "@href": "https://vigil.example/status/acme/feed.atom" }),
        expect.objectContaining({ "@rel": "alternate", "@href": "https://vigil.example/status/acme" }),
      ]),
    );
  });

  it("has one entry per incident with id, title, updated (RFC 3339) and a link", () => {
    expect(feed.entry).toHaveLength(2);
    for (const e of feed.entry) {
      expect(e.id).toMatch(/^urn:vigil:status:acme:[A-Za-z0-9_-]+$/);
      expect(e.updated).toMatch(RFC3339);
      expect(e.published).toMatch(RFC3339);
      expect(e.link[0]["@href"]).toBe("https://vigil.example/status/acme");
    }
    expect(feed.entry[1]).toMatchObject({ title: "Resolved: Web & CDN — Not responding (timeouts)", updated: "2026-11-28T10:12:00Z" });
  });

  it("stays valid with no incidents (updated = build time)", () => {
    const empty = statusPageAtom({ ...page, activeIncidents: [], history: [], description: null }, "https://vigil.example");
    expect(XMLValidator.validate(empty)).toBe(true);
    expect(parser.parse(empty).feed.updated).toBe("2026-12-01T21:25:00Z");
  });
});

describe("posted incidents and maintenance in the feeds", () => {
  const withCommunication = {
    ...page,
    communication: {
      openIncidents: [
        {
          id: "p1",
          title: "Payments <slow>",
          impact: "minor",
          status: "identified",
          services: ["API <v2>"],
          createdAt: "2026-12-01T20:00:00.000Z",
          resolvedAt: null,
          updates: [
            { status: "identified", html: '<p>Cause found &amp; <a href="https://x.example">fix</a> rolling out</p>', createdAt: "2026-12-01T21:30:00.000Z" },
          ],
        },
      ],
      recentIncidents: [],
      maintenance: [
        {
          title: "DB upgrade",
          description: "Short & sweet",
          startsAt: "2026-12-03T02:00:00.000Z",
          endsAt: "2026-12-03T03:00:00.000Z",
          active: false,
          services: ["Web & CDN"],
        },
      ],
      subscribe: false,
    },
  } as PublicStatusPage;

  it("lists them beside the automatic incidents, valid and escaped, with stable ids", () => {
    const rssXml = statusPageRss(withCommunication, "https://vigil.example");
    const atomXml = statusPageAtom(withCommunication, "https://vigil.example");
    expect(XMLValidator.validate(rssXml)).toBe(true);
    expect(XMLValidator.validate(atomXml)).toBe(true);
    const items = parser.parse(rssXml).rss.channel.item;
    expect(items.map((i: { title: string }) => i.title)).toEqual([
      "Scheduled maintenance: DB upgrade",
      "Identified: Payments <slow>",
      "Ongoing: API <v2> — Returning errors (HTTP 503)",
      "Resolved: Web & CDN — Not responding (timeouts)",
    ]);
    expect(items[1].description).toBe("Cause found & fix rolling out (API <v2>)");
    expect(items[1].guid["#text"]).toBe("urn:vigil:status:acme:posted-p1");
    const entries = parser.parse(atomXml).feed.entry;
    expect(entries[1]).toMatchObject({ updated: "2026-12-01T21:30:00Z", published: "2026-12-01T20:00:00Z" });
    expect(entries[0].id).toBe(statusPageAtom(withCommunication, "https://vigil.example").match(/<id>(urn:vigil:status:acme:maintenance-[^<]+)<\/id>/)![1]);
  });
});
