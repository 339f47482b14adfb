// An RFC 4180 CSV reader for the bulk imports: quoted fields with escaped quotes (""), commas and line breaks
// inside quotes, CRLF or LF line ends, a UTF-8 byte-order mark stripped. Each record keeps the physical line it
// starts on, so an error report can say "line 7" and a spreadsheet user finds the row.

export interface CsvRecord {
  /** 1-based physical line on which the record starts (the header is line 1 in a normal file). */
  line: number;
  fields: string[];
}

export type CsvProblemCode = "unterminatedQuote" | "quoteInUnquotedField" | "textAfterQuote" | "notUtf8" | "empty";

/** The file cannot be read as CSV at all: one problem, with the line where it starts. */
export class CsvSyntaxError extends Error {
  constructor(
    public code: CsvProblemCode,
    public line: number,
  ) {
    super(`CSV ${code} at line ${line}`);
    this.name = "CsvSyntaxError";
  }
}

/** Decode bytes as UTF-8 (strict: a GBK file exported by an old spreadsheet is refused, not garbled). */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new CsvSyntaxError("notUtf8", 1);
  }
}

/**
 * Parse CSV text into records. Blank lines (outside quotes) are skipped; a final line break does not make an empty
 * record. Throws CsvSyntaxError for a quote that never closes, a quote in the middle of an unquoted field, or text
 * between a closing quote and the next comma.
 */
export function parseCsv(input: string): CsvRecord[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;
  // field state: "start" (nothing read yet), "plain" (unquoted text), "quoted" (inside quotes), "closed" (after the closing quote)
  let state: "start" | "plain" | "quoted" | "closed" = "start";
  let recordHasContent = false;

  const endField = () => {
    fields.push(field);
    field = "";
    state = "start";
  };
  const endRecord = () => {
    endField();
    // A blank line is one empty unquoted field: skip it rather than report an empty row.
    if (recordHasContent) records.push({ line: recordLine, fields });
    fields = [];
    recordHasContent = false;
  };

  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (state === "quoted") {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          state = "closed";
        }
      } else {
        if (c === "\n") line++;
        else if (c === "\r" && text[i + 1] !== "\n") line++;
        field += c;
      }
      continue;
    }
    if (c === ",") {
      recordHasContent = true;
      endField();
      continue;
    }
    if (c === "\r" || c === "\n") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
      continue;
    }
    if (c === '"') {
      if (state === "start") {
        state = "quoted";
        quoteLine = line;
        recordHasContent = true;
        continue;
      }
      if (state === "closed") throw new CsvSyntaxError("textAfterQuote", line);
      throw new CsvSyntaxError("quoteInUnquotedField", line);
    }
    if (state === "closed") throw new CsvSyntaxError("textAfterQuote", line);
    state = "plain";
    recordHasContent = true;
    field += c;
  }
  if (state === "quoted") throw new CsvSyntaxError("unterminatedQuote", quoteLine);
  if (recordHasContent || field.length > 0 || fields.length > 0) endRecord();
  return records;
}

// ------------------------------------------------------------------ tables with a header row

export interface CsvTableRow {
  line: number;
  /** Values by canonical (lower-case) column name; columns absent from the file are absent here. */
  values: Record<string, string>;
  /** The record had a different number of fields than the header. */
  fieldCount: number;
}

export type CsvHeaderProblem =
  | { code: "missingColumns"; columns: string[] }
  | { code: "unknownColumns"; columns: string[] }
  | { code: "duplicateColumns"; columns: string[] }
  | { code: "empty" };

export interface CsvTable {
  /** Canonical column names in file order. */
  columns: string[];
  rows: CsvTableRow[];
}

export class CsvHeaderError extends Error {
  constructor(public problems: CsvHeaderProblem[]) {
    super(`CSV header: ${problems.map((p) => ("columns" in p ? `${p.code} ${p.columns.join(", ")}` : p.code)).join("; ")}`);
    this.name = "CsvHeaderError";
  }
}

/**
 * Read a CSV file with a header row. Header names are matched case-insensitively after trimming (and a leading
 * BOM). Unknown, duplicated or missing required columns are one file-level error listing all of them.
 */
export function readCsvTable(input: string, spec: { columns: readonly string[]; required: readonly string[] }): CsvTable {
  const records = parseCsv(input);
  const [header, ...body] = records;
  if (!header) throw new CsvHeaderError([{ code: "empty" }]);
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const known = new Set(spec.columns);
  const problems: CsvHeaderProblem[] = [];
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length) problems.push({ code: "unknownColumns", columns: unknown.map((n) => n || '""') });
  const duplicates = names.filter((n, i) => n && names.indexOf(n) !== i);
  if (duplicates.length) problems.push({ code: "duplicateColumns", columns: [...new Set(duplicates)] });
  const missing = spec.required.filter((c) => !names.includes(c));
  if (missing.length) problems.push({ code: "missingColumns", columns: missing });
  if (problems.length) throw new CsvHeaderError(problems);
  const rows = body.map((r) => {
    const values: Record<string, string> = {};
    names.forEach((n, i) => {
      values[n] = r.fields[i] ?? "";
    });
    return { line: r.line, values, fieldCount: r.fields.length };
  });
  return { columns: names, rows };
}

/** A multi-valued cell: values separated by ";" or the full-width "；", trimmed, empties dropped. */
export function splitMulti(cell: string | undefined): string[] {
  if (!cell) return [];
  return cell
    .split(/[;；]/)
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}
