// Search hits as plain text segments: the engine's <mark> highlights parsed (never rendered as HTML), excerpts
// cropped around the first match, and the fields every hit card shows. Pure module: the browser imports its types.
import type { SearchHit } from "../../search/engine";
import { regionPathEn } from "../../db/region-names";

/** A piece of highlighted text: `mark` pieces matched the query. Plain data, rendered as React nodes. */
export interface TextSegment {
  text: string;
  mark: boolean;
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };
const unescapeHtml = (s: string) => s.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]);

/**
 * The engine's highlight (HTML-escaped text with <mark>…</mark>) as segments. Only <mark> is understood; any
 * other markup stays literal text, so nothing from a document ever becomes HTML in the page.
 */
export function highlightSegments(html: string): TextSegment[] {
  const out: TextSegment[] = [];
  const re = /<mark>([\s\S]*?)<\/mark>/g;
  let pos = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (m.index > pos) out.push({ text: unescapeHtml(html.slice(pos, m.index)), mark: false });
    if (m[1]) out.push({ text: unescapeHtml(m[1]), mark: true });
    pos = m.index + m[0].length;
  }
  if (pos < html.length) out.push({ text: unescapeHtml(html.slice(pos)), mark: false });
  return out;
}

/** A short excerpt (about `maxChars`) around the first match, with "…" where text was cut. */
export function cropSegments(segments: TextSegment[], maxChars = 80): TextSegment[] {
  const total = segments.reduce((n, s) => n + s.text.length, 0);
  if (total <= maxChars) return segments;
  const firstMark = segments.findIndex((s) => s.mark);
  let offset = 0;
  for (let i = 0; i < firstMark; i++) offset += segments[i].text.length;
  const start = Math.max(0, Math.min(offset - Math.floor(maxChars / 4), total - maxChars));
  const end = start + maxChars;
  const out: TextSegment[] = [];
  let at = 0;
  for (const s of segments) {
    const a = Math.max(start, at);
    const b = Math.min(end, at + s.text.length);
    if (a < b) out.push({ text: s.text.slice(a - at, b - at).replace(/\s+/g, " "), mark: s.mark });
    at += s.text.length;
  }
  if (start > 0) out.unshift({ text: "…", mark: false });
  if (end < total) out.push({ text: "…", mark: false });
  return out;
}

export function textOrHighlight(hit: SearchHit, field: string, fallback: string): TextSegment[] {
  const h = hit.highlights?.[field];
  return h ? highlightSegments(h) : [{ text: fallback, mark: false }];
}

/** An excerpt of the description when the query matched in it (else null: the card shows no excerpt). */
export function snippet(hit: SearchHit): TextSegment[] | null {
  const h = hit.highlights?.description;
  return h ? cropSegments(highlightSegments(h)) : null;
}

/** The fields a job or training hit card shares, from its document; `regionNames` fills paths the index lacked. */
export function hitCard(
  hit: SearchHit,
  d: { id: string; title: string; organization: string; organization_verified: boolean; region_name: string; region_code: string; skills: string[] },
  regionNames: Map<string, string>,
) {
  const regionName = d.region_name || (regionNames.get(d.region_code) ?? "");
  return {
    id: d.id,
    title: textOrHighlight(hit, "title", d.title),
    organization: textOrHighlight(hit, "organization", d.organization),
    organizationVerified: d.organization_verified,
    regionName,
    regionNameEn: regionPathEn(regionName),
    skills: d.skills.slice(0, 6),
    snippet: snippet(hit),
  };
}
