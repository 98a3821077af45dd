import { describe, expect, it } from "vitest";
import { markdownLiteToText, renderMarkdownLite } from "./markdown-lite";

describe("renderMarkdownLite", () => {
  it("renders paragraphs, line breaks, lists and http(s)/mailto links", () => {
    const html = renderMarkdownLite(
      "We are looking into it.\nMore soon.\n\n- API\n- [Dashboard](https://example.com/a?b=1&c=2)\n\n1. one\n2. [mail us](mailto:ops@example.com)",
    );
    expect(html).toBe(
      [
        "<p>We are looking into it.<br>More soon.</p>",
        '<ul><li>API</li><li><a href="https://example.com/a?b=1&amp;c=2" rel="nofollow noopener">Dashboard</a></li></ul>',
        '<ol><li>one</li><li><a href="mailto:ops@example.com" rel="nofollow noopener">mail us</a></li></ol>',
      ].join("\n"),
    );
  });

  it("renders hostile input inert: script tags, javascript: links, event handlers, attribute breakouts", () => {
    const hostile = [
      "<script>alert(1)</script>",
      "[click](javascript:alert(1))",
      "[x](JaVaScRiPt:alert(1))",
      "[data](data:text/html;base64,PHNjcmlwdD4=)",
      '<img src=x onerror="alert(1)">',
      '[ok](https://example.com/"onmouseover="alert(1))',
      '<a href="javascript:alert(1)">y</a>',
    ].join("\n\n");
    const html = renderMarkdownLite(hostile);
    expect(html).not.toMatch(/<script|<img|<a href="(javascript|data)/i);
    // Handlers survive only as escaped text, never inside a tag.
    expect([...html.matchAll(/<[^>]*>/g)].map((m) => m[0]).join("")).not.toMatch(/\son\w+=|javascript:/i);
    // The only tags are the ones the renderer writes.
    const tags = [...html.matchAll(/<\/?([a-z]+)/g)].map((m) => m[1]);
    expect(new Set(tags)).toEqual(new Set(["p", "a"]));
    // The one link kept is https, with its quote escaped, so no attribute can be added.
    const links = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]);
    expect(links).toEqual(["https://example.com/%22onmouseover=%22alert(1)"]);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("[click](javascript:alert(1))");
  });

  it("gives emails plain text with links spelled out, unsafe ones reduced to their text", () => {
    expect(markdownLiteToText("See [status](https://example.com) or [x](javascript:alert(1))")).toBe("See status (https://example.com) or x");
  });
});
