// Meilisearch's filter language, parsed and evaluated the way `crates/filter-parser` does it (v1.x):
//   expression = or;  or = and ("OR" and)*;  and = not ("AND" not)*;  not = "NOT" not | primary
//   primary    = "(" expression ")" | _geoRadius(lat, lng, metres) | condition
//   condition  = field ("=" | "!=" | ">" | ">=" | "<" | "<=") value | field value "TO" value
//              | field ["NOT"] "IN" "[" value ("," value)* "]" | field ["NOT"] "EXISTS" | field "IS" ["NOT"] ("NULL" | "EMPTY")
// Values: a word (alphanumeric, `_`, `-`, `.`; not a keyword) or a quoted string. Inside quotes a backslash makes the
// next character literal for the scan (`quoted_by`), `\<quote>` becomes the quote (`unescape`), then Rust-style
// escapes are decoded (`unescaper::unescape`: `\\` → `\`, `\n`, `\t`, `\r`, `\0`, `\'`, `\"`, `\u{…}`).
// An array of filters (strings or arrays of strings) is an AND of ORs.

export class FilterSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FilterSyntaxError";
  }
}

export type FilterNode =
  | { kind: "and" | "or"; children: FilterNode[] }
  | { kind: "not"; child: FilterNode }
  | { kind: "cmp"; field: string; op: "=" | "!=" | ">" | ">=" | "<" | "<="; value: string }
  | { kind: "to"; field: string; from: string; to: string }
  | { kind: "in"; field: string; values: string[] }
  | { kind: "exists"; field: string }
  | { kind: "null" | "empty"; field: string }
  | { kind: "geoRadius"; lat: number; lng: number; meters: number };

const KEYWORDS = new Set(["AND", "OR", "IN", "NOT", "TO", "EXISTS", "IS", "NULL", "EMPTY", "CONTAINS", "STARTS", "WITH", "_geoRadius", "_geoBoundingBox"]);
const isValueChar = (c: string) => /[\p{L}\p{N}_.-]/u.test(c);

/** Rust-style escapes as the `unescaper` crate decodes them. */
export function unescapeRust(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== "\\") {
      out += c;
      continue;
    }
    const n = s[++i];
    if (n === undefined) throw new FilterSyntaxError("incomplete escape");
    const simple: Record<string, string> = { "\\": "\\", n: "\n", t: "\t", r: "\r", "0": "\0", "'": "'", '"': '"', b: "\b", f: "\f" };
    if (n in simple) out += simple[n];
    else if (n === "u" && s[i + 1] === "{") {
      const close = s.indexOf("}", i);
      if (close < 0) throw new FilterSyntaxError("incomplete escape");
      out += String.fromCodePoint(parseInt(s.slice(i + 2, close), 16));
      i = close;
    } else throw new FilterSyntaxError(`invalid escape \\${n}`);
  }
  return out;
}

/** The inside of a quoted value up to the closing quote (filter-parser `quoted_by`), then unescaped. */
export function readQuoted(input: string, quote: "'" | '"'): { value: string; rest: string } {
  let escaped = false;
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c === quote) {
      let raw = input.slice(0, i);
      if (escaped) raw = raw.split(`\\${quote}`).join(quote);
      return { value: unescapeRust(raw), rest: input.slice(i) };
    }
    if (c === "\\") {
      if (i + 1 >= input.length) throw new FilterSyntaxError("malformed value");
      escaped ||= input[i + 1] === quote;
      i++;
    }
  }
  let raw = input;
  if (escaped) raw = raw.split(`\\${quote}`).join(quote);
  return { value: unescapeRust(raw), rest: "" };
}

class Parser {
  constructor(
    private s: string,
    private pos = 0,
  ) {}

  private ws() {
    while (this.pos < this.s.length && /\s/.test(this.s[this.pos])) this.pos++;
  }
  private peekWord(): string {
    this.ws();
    let end = this.pos;
    while (end < this.s.length && isValueChar(this.s[end])) end++;
    return this.s.slice(this.pos, end);
  }
  private takeKeyword(k: string): boolean {
    if (this.peekWord() === k) {
      this.pos += k.length;
      return true;
    }
    return false;
  }
  private expect(ch: string) {
    this.ws();
    if (this.s[this.pos] !== ch) throw new FilterSyntaxError(`expected \`${ch}\` at ${this.pos + 1}: \`${this.s}\``);
    this.pos++;
  }
  done(): boolean {
    this.ws();
    return this.pos >= this.s.length;
  }

  value(): string {
    this.ws();
    const c = this.s[this.pos];
    if (c === '"' || c === "'") {
      const { value, rest } = readQuoted(this.s.slice(this.pos + 1), c);
      if (!rest.startsWith(c)) throw new FilterSyntaxError(`Expression \`${this.s}\` is missing the following closing delimiter: \`${c}\`.`);
      this.pos = this.s.length - rest.length + 1;
      return value;
    }
    const w = this.peekWord();
    if (!w || KEYWORDS.has(w)) throw new FilterSyntaxError(`Was expecting a value but instead got \`${w || this.s.slice(this.pos, this.pos + 1)}\`.`);
    this.pos += w.length;
    return w;
  }

  expression(): FilterNode {
    const children = [this.and()];
    while (this.takeKeyword("OR")) children.push(this.and());
    return children.length === 1 ? children[0] : { kind: "or", children };
  }
  private and(): FilterNode {
    const children = [this.not()];
    while (this.takeKeyword("AND")) children.push(this.not());
    return children.length === 1 ? children[0] : { kind: "and", children };
  }
  private not(): FilterNode {
    if (this.takeKeyword("NOT")) return { kind: "not", child: this.not() };
    return this.primary();
  }
  private primary(): FilterNode {
    this.ws();
    if (this.s[this.pos] === "(") {
      this.pos++;
      const e = this.expression();
      this.expect(")");
      return e;
    }
    if (this.s.startsWith("_geoRadius", this.pos)) {
      this.pos += "_geoRadius".length;
      this.expect("(");
      const nums: number[] = [];
      for (let i = 0; i < 3; i++) {
        if (i > 0) this.expect(",");
        const v = Number(this.value());
        if (!Number.isFinite(v)) throw new FilterSyntaxError("The `_geoRadius` filter expects three arguments: `_geoRadius(latitude, longitude, radius)`.");
        nums.push(v);
      }
      this.expect(")");
      return { kind: "geoRadius", lat: nums[0], lng: nums[1], meters: nums[2] };
    }
    const field = this.value();
    this.ws();
    const rest = this.s.slice(this.pos);
    const op = /^(>=|<=|!=|=|>|<)/.exec(rest)?.[1] as "=" | "!=" | ">" | ">=" | "<" | "<=" | undefined;
    if (op) {
      this.pos += op.length;
      return { kind: "cmp", field, op, value: this.value() };
    }
    if (this.takeKeyword("NOT")) {
      if (this.takeKeyword("IN")) return { kind: "not", child: this.inList(field) };
      if (this.takeKeyword("EXISTS")) return { kind: "not", child: { kind: "exists", field } };
      throw new FilterSyntaxError(`Was expecting an operation \`=\`, \`!=\`, \`>=\`, \`>\`, \`<=\`, \`<\`, \`IN\`, \`NOT IN\`, \`TO\`, \`EXISTS\`, \`NOT EXISTS\`, \`IS NULL\`, \`IS NOT NULL\`, \`IS EMPTY\`, \`IS NOT EMPTY\`, \`CONTAINS\`, \`NOT CONTAINS\`, \`STARTS WITH\`, \`NOT STARTS WITH\`, \`_geoRadius\`, or \`_geoBoundingBox\` at \`${this.s}\`.`);
    }
    if (this.takeKeyword("IN")) return this.inList(field);
    if (this.takeKeyword("EXISTS")) return { kind: "exists", field };
    if (this.takeKeyword("IS")) {
      const negate = this.takeKeyword("NOT");
      let node: FilterNode;
      if (this.takeKeyword("NULL")) node = { kind: "null", field };
      else if (this.takeKeyword("EMPTY")) node = { kind: "empty", field };
      else throw new FilterSyntaxError(`expected NULL or EMPTY in \`${this.s}\``);
      return negate ? { kind: "not", child: node } : node;
    }
    // `field from TO to`
    const save = this.pos;
    try {
      const from = this.value();
      if (this.takeKeyword("TO")) return { kind: "to", field: field, from, to: this.value() };
    } catch {
      // fall through to the generic error
    }
    this.pos = save;
    throw new FilterSyntaxError(`Was expecting an operation \`=\`, \`!=\`, \`>=\`, \`>\`, \`<=\`, \`<\`, \`IN\`, \`NOT IN\`, \`TO\`, \`EXISTS\`, \`NOT EXISTS\`, \`IS NULL\`, \`IS NOT NULL\`, \`IS EMPTY\`, \`IS NOT EMPTY\`, \`CONTAINS\`, \`NOT CONTAINS\`, \`STARTS WITH\`, \`NOT STARTS WITH\`, \`_geoRadius\`, or \`_geoBoundingBox\` at \`${this.s}\`.`);
  }
  private inList(field: string): FilterNode {
    this.expect("[");
    const values: string[] = [];
    this.ws();
    if (this.s[this.pos] === "]") {
      this.pos++;
      return { kind: "in", field, values };
    }
    for (;;) {
      values.push(this.value());
      this.ws();
      if (this.s[this.pos] === ",") {
        this.pos++;
        this.ws();
        if (this.s[this.pos] === "]") break; // trailing comma is accepted
        continue;
      }
      break;
    }
    this.expect("]");
    return { kind: "in", field, values };
  }
}

export function parseFilterString(s: string): FilterNode {
  const p = new Parser(s);
  const e = p.expression();
  if (!p.done()) throw new FilterSyntaxError(`Found unexpected characters at the end of the filter: \`${s}\`. You probably forgot an \`OR\` or an \`AND\` rule.`);
  return e;
}

/** `filter` as Meilisearch accepts it: a string, or an array (AND) of strings and arrays of strings (OR). */
export function parseFilter(filter: unknown): FilterNode | null {
  if (filter === undefined || filter === null) return null;
  if (typeof filter === "string") return filter.trim() === "" ? null : parseFilterString(filter);
  if (Array.isArray(filter)) {
    const children: FilterNode[] = [];
    for (const f of filter) {
      if (typeof f === "string") {
        if (f.trim()) children.push(parseFilterString(f));
      } else if (Array.isArray(f)) {
        const ors = f.map((x) => {
          if (typeof x !== "string") throw new FilterSyntaxError("Invalid syntax for the filter parameter: expected either a string or an array of strings");
          return parseFilterString(x);
        });
        if (ors.length) children.push({ kind: "or", children: ors });
      } else throw new FilterSyntaxError("Invalid syntax for the filter parameter: expected either a string or an array of strings");
    }
    return children.length === 0 ? null : { kind: "and", children };
  }
  throw new FilterSyntaxError("Invalid syntax for the filter parameter: expected either a string or an array of strings");
}

/** Every field a filter names (checked against filterableAttributes before evaluation, as milli does). */
export function filterFields(node: FilterNode | null, out = new Set<string>()): Set<string> {
  if (!node) return out;
  switch (node.kind) {
    case "and":
    case "or":
      node.children.forEach((c) => filterFields(c, out));
      break;
    case "not":
      filterFields(node.child, out);
      break;
    case "geoRadius":
      out.add("_geo");
      break;
    default:
      out.add(node.field);
  }
  return out;
}

function haversine(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const R = 6_371_000;
  const r = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * r) / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lng2 - lng1) * r) / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Values of a (possibly array) field, as milli's facet extraction sees them: strings lower-cased, numbers, booleans as strings. */
function facetValues(doc: Record<string, unknown>, field: string): unknown[] {
  const v = doc[field];
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

function equals(v: unknown, literal: string): boolean {
  if (typeof v === "number") return Number(literal) === v && literal.trim() !== "";
  if (typeof v === "boolean") return String(v) === literal.toLowerCase();
  if (typeof v === "string") return v.toLowerCase() === literal.toLowerCase();
  return false;
}

export function evaluate(node: FilterNode, doc: Record<string, unknown>): boolean {
  switch (node.kind) {
    case "and":
      return node.children.every((c) => evaluate(c, doc));
    case "or":
      return node.children.some((c) => evaluate(c, doc));
    case "not":
      return !evaluate(node.child, doc);
    case "exists":
      return doc[node.field] !== undefined;
    case "null":
      return doc[node.field] === null;
    case "empty": {
      const v = doc[node.field];
      return v === "" || (Array.isArray(v) && v.length === 0) || (typeof v === "object" && v !== null && Object.keys(v).length === 0);
    }
    case "in":
      return facetValues(doc, node.field).some((v) => node.values.some((lit) => equals(v, lit)));
    case "to": {
      const from = Number(node.from);
      const to = Number(node.to);
      return facetValues(doc, node.field).some((v) => typeof v === "number" && v >= from && v <= to);
    }
    case "cmp": {
      const values = facetValues(doc, node.field);
      if (node.op === "=") return values.some((v) => equals(v, node.value));
      if (node.op === "!=") return !values.some((v) => equals(v, node.value));
      const n = Number(node.value);
      return values.some((v) => {
        if (typeof v !== "number" || !Number.isFinite(n)) return false;
        return node.op === ">" ? v > n : node.op === ">=" ? v >= n : node.op === "<" ? v < n : v <= n;
      });
    }
    case "geoRadius": {
      const g = doc._geo as { lat?: number | string; lng?: number | string } | undefined;
      if (!g || g.lat === undefined || g.lng === undefined) return false;
      return haversine(node.lat, node.lng, Number(g.lat), Number(g.lng)) <= node.meters;
    }
  }
}

export { haversine };
