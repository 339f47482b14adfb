import { CsvError, parse } from "csv-parse/sync";

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
 * Parse CSV text into records with csv-parse (docs/decisions/007-csv-parse.md). Blank lines (outside quotes) are
 * skipped; a final line break does not make an empty record. Throws CsvSyntaxError for a quote that never closes
 * (at the line where it opened), a quote in the middle of an unquoted field, or text between a closing quote and
 * the next comma.
 */
export function parseCsv(input: string): CsvRecord[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  // csv-parse gives the line a record ends on and counts a CRLF inside quotes as two lines; an error report names
  // the line a record starts on, so correct for both from the fields themselves.
  let overcount = 0;
  try {
    parse(text, {
      record_delimiter: ["\r\n", "\n", "\r"],
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (fields: string[], context: { lines: number }) => {
        let breaks = 0;
        for (const field of fields) {
          if (!/[\r\n]/.test(field)) continue;
          overcount += field.split("\r\n").length - 1;
          breaks += field.split(/\r\n|\r|\n/).length - 1;
        }
        records.push({ line: context.lines - overcount - breaks, fields });
        return null;
      },
    });
  } catch (error) {
    throw syntaxError(error, text, overcount);
  }
  return records;
}

function syntaxError(error: unknown, text: string, overcount: number): unknown {
  if (!(error instanceof CsvError)) return error;
  if (error.code === "CSV_QUOTE_NOT_CLOSED") {
    // The quote that never closes is the last one that opens a field: report the line it is on.
    return new CsvSyntaxError("unterminatedQuote", lineAt(text, lastOpeningQuote(text)));
  }
  const line = (typeof error.lines === "number" ? error.lines : 1) - overcount;
  if (error.code === "INVALID_OPENING_QUOTE") return new CsvSyntaxError("quoteInUnquotedField", line);
  if (error.code === "CSV_INVALID_CLOSING_QUOTE" || error.code === "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE") {
    return new CsvSyntaxError("textAfterQuote", line);
  }
  return error;
}

/** Where the last field-opening quote stands (a quote at the start of the text or after a comma or line break). */
function lastOpeningQuote(text: string): number {
  let open = -1;
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '"') continue;
    if (inQuotes) {
      if (text[i + 1] === '"') i++;
      else inQuotes = false;
    } else if (i === 0 || text[i - 1] === "," || text[i - 1] === "\n" || text[i - 1] === "\r") {
      inQuotes = true;
      open = i;
    }
  }
  return Math.max(open, 0);
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++;
  }
  return line;
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
