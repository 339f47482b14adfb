import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

// Employers write descriptions in Markdown (raw HTML in it is allowed by Markdown, so everything is sanitised
// afterwards). The allow-list is small on purpose: text structure and links, no images, styles, forms or scripts.
const marked = new Marked({ gfm: true, breaks: true, async: false });

const ALLOWED_TAGS = [
  "p",
  "br",
  "strong",
  "b",
  "em",
  "i",
  "del",
  "ul",
  "ol",
  "li",
  "h3",
  "h4",
  "blockquote",
  "code",
  "pre",
  "hr",
  "a",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
];

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: { a: ["href", "title"], ol: ["start"] },
  allowedSchemes: ["http", "https", "mailto", "tel"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  // The page has its own h1/h2; description headings start one level below.
  transformTags: {
    h1: "h3",
    h2: "h3",
    h5: "h4",
    h6: "h4",
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, rel: "nofollow noopener noreferrer ugc" },
    }),
  },
  allowedSchemesByTag: {},
  // Drop the contents of these along with the tags (text inside <script> is never shown).
  nonTextTags: ["script", "style", "textarea", "option", "noscript", "iframe", "object", "embed", "svg", "math"],
};
// `rel` is added by the transform, so it must be allowed too.
(SANITIZE_OPTIONS.allowedAttributes as Record<string, string[]>).a!.push("rel");

/** Sanitise HTML to the description allow-list. */
export function sanitizeDescriptionHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE_OPTIONS);
}

/** Markdown → safe HTML for a job description (or any employer-written rich text). */
export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown ?? "") as string;
  return sanitizeDescriptionHtml(html).trim();
}
