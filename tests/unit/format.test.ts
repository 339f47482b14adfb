import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatDay } from "../../app/i18n/format";

// 2026-03-01 17:30 UTC is 2026-03-02 01:30 in Beijing: every place must show the 2nd.
const lateEvening = "2026-03-01T17:30:00.000Z";

describe("dates in Asia/Shanghai", () => {
  it("shows the Beijing day for the default and for custom formats", () => {
    expect(formatDate(lateEvening, "zh-CN")).toBe("2026年3月2日");
    expect(formatDate(lateEvening, "en")).toBe("March 2, 2026");
    // A caller's own options without a zone still get Asia/Shanghai (it used to fall back to the process zone).
    expect(formatDate(lateEvening, "en", { month: "short", day: "numeric" })).toBe("Mar 2");
    expect(formatDay(lateEvening)).toBe("2026-03-02");
  });

  it("the staff consent log (date and time) and the profile's consent line (date) agree on the day", () => {
    const log = formatDateTime(lateEvening, "zh-CN");
    expect(log).toContain("3月2日");
    expect(log).toContain("01:30");
    expect(formatDate(lateEvening, "zh-CN")).toContain("3月2日");
  });
});
