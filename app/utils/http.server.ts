// Any origin will do: a target is resolved against it and must stay on it. `.invalid` can never be a real host.
const SITE = "https://site.invalid";
// Browsers drop tabs and newlines from URLs and read `\` as `/`, so `/\t/evil.example` or `/\evil.example` leave the
// site although they start with one slash. A percent-encoded one is refused too: nothing of ours needs it.
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const UNSAFE = /[\u0000-\u001f\u007f\\]|%(?:[01][0-9a-f]|7f|5c)/i;

/**
 * Only paths on this site may be redirect targets (no open redirects): the target is resolved against the site's
 * origin, must keep that origin, and may not hold control characters or backslashes (raw or percent-encoded) or
 * resolve to a protocol-relative `//host`. Anything else gives `fallback`.
 */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || to.length > 2048 || !to.startsWith("/") || to.startsWith("//")) return fallback;
  if (UNSAFE.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, SITE);
  } catch {
    return fallback;
  }
  if (url.origin !== SITE || url.pathname.startsWith("//")) return fallback;
  return url.pathname + url.search + url.hash;
}
