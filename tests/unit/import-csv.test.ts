import { describe, expect, it } from "vitest";
import { CsvHeaderError, CsvSyntaxError, decodeUtf8, parseCsv, readCsvTable, splitMulti } from "../../app/models/import/csv";

describe("parseCsv (RFC 4180)", () => {
  it("reads plain records with their physical line numbers", () => {
    expect(parseCsv("a,b,c\n1,2,3\n")).toEqual([
      { line: 1, fields: ["a", "b", "c"] },
      { line: 2, fields: ["1", "2", "3"] },
    ]);
  });

  it("accepts CRLF and a last line without a line break", () => {
    expect(parseCsv("a,b\r\n1,2\r\n3,4")).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["1", "2"] },
      { line: 3, fields: ["3", "4"] },
    ]);
  });

  it("keeps commas, escaped quotes and line breaks inside quoted fields, and counts the lines they span", () => {
    const text = 'id,desc\n1,"岗位职责：驾驶，调度\r\n任职要求：""A2""驾照"\n2,"x,y"\n';
    const records = parseCsv(text);
    expect(records).toEqual([
      { line: 1, fields: ["id", "desc"] },
      { line: 2, fields: ["1", '岗位职责：驾驶，调度\r\n任职要求："A2"驾照'] },
      { line: 4, fields: ["2", "x,y"] },
    ]);
  });

  it("strips a UTF-8 byte-order mark and skips blank lines, but keeps empty fields", () => {
    expect(parseCsv("\uFEFFa,b\n\n1,\n,\n\"\"\n")).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 3, fields: ["1", ""] },
      { line: 4, fields: ["", ""] },
      { line: 5, fields: [""] },
    ]);
  });

  it("reports an unterminated quote at the line where it opened", () => {
    try {
      parseCsv('a,b\n1,2\n3,"never closed\nmore\n');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CsvSyntaxError);
      expect((error as CsvSyntaxError).code).toBe("unterminatedQuote");
      expect((error as CsvSyntaxError).line).toBe(3);
    }
  });

  it("refuses a bare quote inside an unquoted field and text after a closing quote", () => {
    expect(() => parseCsv('a\nab"c\n')).toThrow(expect.objectContaining({ code: "quoteInUnquotedField", line: 2 }));
    expect(() => parseCsv('a\n"ab"c\n')).toThrow(expect.objectContaining({ code: "textAfterQuote", line: 2 }));
  });

  it("decodes strict UTF-8 and refuses other encodings", () => {
    expect(decodeUtf8(new TextEncoder().encode("张家港"))).toBe("张家港");
    // "张" in GBK
    expect(() => decodeUtf8(new Uint8Array([0xd5, 0xc5]))).toThrow(expect.objectContaining({ code: "notUtf8" }));
  });
});

describe("readCsvTable", () => {
  const spec = { columns: ["external_id", "title", "skills"], required: ["external_id", "title"] };

  it("matches header names case-insensitively after trimming", () => {
    const table = readCsvTable(" External_ID ,TITLE\nj1,司机\n", spec);
    expect(table.columns).toEqual(["external_id", "title"]);
    expect(table.rows).toEqual([{ line: 2, values: { external_id: "j1", title: "司机" }, fieldCount: 2 }]);
  });

  it("lists unknown, duplicated and missing columns in one file-level error", () => {
    try {
      readCsvTable("external_id,salary,salary\n", spec);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CsvHeaderError);
      expect((error as CsvHeaderError).problems).toEqual([
        { code: "unknownColumns", columns: ["salary", "salary"] },
        { code: "duplicateColumns", columns: ["salary"] },
        { code: "missingColumns", columns: ["title"] },
      ]);
    }
  });

  it("refuses an empty file", () => {
    expect(() => readCsvTable("\uFEFF\n\n", spec)).toThrow(CsvHeaderError);
  });

  it("records how many fields each row really had", () => {
    const table = readCsvTable("external_id,title\nj1\nj2,a,b\n", spec);
    expect(table.rows.map((r) => r.fieldCount)).toEqual([1, 3]);
    expect(table.rows[0].values).toEqual({ external_id: "j1", title: "" });
  });
});

describe("splitMulti", () => {
  it("splits on ; and full-width ；, trims, drops empties", () => {
    expect(splitMulti(" 驾驶；物流; 安全驾驶 ;;")).toEqual(["驾驶", "物流", "安全驾驶"]);
    expect(splitMulti("")).toEqual([]);
  });
});

describe("parseCsv line numbers after quoted line breaks", () => {
  it("counts a CRLF inside quotes as one line, in records and in errors", () => {
    expect(parseCsv('a,b\n"x\r\ny",1\n\n3,4\r\n').map((r) => r.line)).toEqual([1, 2, 5]);
    expect(() => parseCsv('a,b\n"x\r\ny",1\n"ab"c\n')).toThrow(expect.objectContaining({ code: "textAfterQuote", line: 4 }));
  });
});
