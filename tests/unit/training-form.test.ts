import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import {
  beijingLocalToDate,
  dateToBeijingLocal,
  fenToYuan,
  trainingFee,
  trainingSlotEditSchema,
  trainingSlotSchema,
  yuanToFen,
} from "../../app/forms/training";
import { formatFen } from "../../app/i18n/format";

describe("training fee and subsidy", () => {
  it("is free for veterans when the subsidy covers the fee", () => {
    expect(trainingFee(180_000, 180_000)).toEqual({ feeFen: 180_000, subsidyFen: 180_000, netFen: 0, kind: "freeForVeterans" });
    expect(trainingFee(100_000, 150_000)).toMatchObject({ netFen: 0, kind: "freeForVeterans" });
  });
  it("subtracts a partial subsidy and never goes below zero", () => {
    expect(trainingFee(120_000, 100_000)).toMatchObject({ netFen: 20_000, kind: "subsidised" });
    expect(trainingFee(99, 0)).toMatchObject({ netFen: 99, kind: "paid" });
    expect(trainingFee(0, 5_000)).toMatchObject({ netFen: 0, kind: "free" });
  });
  it("formats the net amount per locale", () => {
    const { netFen } = trainingFee(120_050, 100_000);
    expect(formatFen(netFen, "zh-CN")).toBe("¥200.50");
    expect(formatFen(netFen, "en")).toMatch(/CN¥200\.50|¥200\.50/);
  });
});

describe("yuan ↔ fen", () => {
  it("converts exactly, without floating-point drift", () => {
    expect(yuanToFen("1800")).toBe(180_000);
    expect(yuanToFen("1800.5")).toBe(180_050);
    expect(yuanToFen("0.07")).toBe(7);
    expect(yuanToFen("19.99")).toBe(1_999);
    expect(fenToYuan(180_050)).toBe("1800.50");
    expect(fenToYuan(180_000)).toBe("1800");
    expect(fenToYuan(7)).toBe("0.07");
  });
  it("refuses more than two decimals, signs and words", () => {
    for (const bad of ["1.234", "-5", "12a", "", "1e3"]) expect(() => yuanToFen(bad)).toThrow();
  });
  it("reads datetime-local values as Beijing time and back", () => {
    const d = beijingLocalToDate("2026-05-01T09:00");
    expect(d.toISOString()).toBe("2026-05-01T01:00:00.000Z");
    expect(dateToBeijingLocal(d)).toBe("2026-05-01T09:00");
  });
});

function form(values: Record<string, string | string[]>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) for (const x of Array.isArray(v) ? v : [v]) fd.append(k, x);
  return parseWithZod(fd, { schema: trainingSlotSchema });
}

const valid = {
  title: "叉车司机（N1）上岗证培训班",
  description: "理论加实操",
  regionCode: "320582",
  place: "港城职业培训学校",
  startsAt: "2026-05-01T09:00",
  endsAt: "2026-05-10T17:00",
  capacity: "30",
  fee: "1800",
  subsidy: "1800.50",
  skills: ["forklift", "warehousing"],
};

describe("trainingSlotSchema", () => {
  it("parses a valid form into fen, instants and skill ids", () => {
    const s = form(valid);
    expect(s.status).toBe("success");
    if (s.status !== "success") return;
    expect(s.value).toMatchObject({ capacity: 30, fee: 180_000, subsidy: 180_050, status: "published" });
    expect(s.value.startsAt.toISOString()).toBe("2026-05-01T01:00:00.000Z");
    expect(s.value.skills).toEqual(["forklift", "warehousing"]);
  });
  it("treats empty fee and subsidy as zero and a single skill as a list", () => {
    const s = form({ ...valid, fee: "", subsidy: "", skills: ["driving"] });
    expect(s.status).toBe("success");
    if (s.status === "success") expect(s.value).toMatchObject({ fee: 0, subsidy: 0, skills: ["driving"] });
  });
  it("answers with message keys next to each bad field", () => {
    const s = form({ ...valid, startsAt: "tomorrow", capacity: "0", fee: "12.345", subsidy: "-1", regionCode: "", title: "" });
    expect(s.status).toBe("error");
    const errors = s.reply().error ?? {};
    expect(errors.startsAt).toEqual(["training:errors.dateTime"]);
    // the schedule rule is reported alongside other fields' errors, not only once they are fixed
    const both = form({ ...valid, endsAt: "2026-04-30T09:00", fee: "1.234" }).reply().error ?? {};
    expect(both.endsAt).toEqual(["training:errors.endBeforeStart"]);
    expect(both.fee).toEqual(["training:errors.money"]);
    expect(errors.capacity).toEqual(["training:errors.capacity"]);
    expect(errors.fee).toEqual(["training:errors.money"]);
    expect(errors.subsidy).toEqual(["training:errors.money"]);
    expect(errors.regionCode).toEqual(["training:errors.region"]);
    expect(errors.title).toEqual(["errors.required"]);
  });
  it("caps capacity at 10000 and wants whole numbers", () => {
    expect(form({ ...valid, capacity: "10001" }).reply().error?.capacity).toEqual(["training:errors.capacity"]);
    expect(form({ ...valid, capacity: "2.5" }).reply().error?.capacity).toEqual(["training:errors.capacity"]);
    expect(form({ ...valid, capacity: "10000" }).status).toBe("success");
  });
  it("refuses an end before or equal to the start, next to the end field", () => {
    expect(form({ ...valid, endsAt: "2026-04-30T09:00" }).reply().error?.endsAt).toEqual(["training:errors.endBeforeStart"]);
    expect(form({ ...valid, endsAt: valid.startsAt }).reply().error?.endsAt).toEqual(["training:errors.endBeforeStart"]);
  });
});

describe("trainingSlotEditSchema", () => {
  it("keeps the current region when the picker is untouched, and takes a newly chosen one", () => {
    const fd = (values: Record<string, string>) => {
      const f = new FormData();
      for (const [k, v] of Object.entries({ ...valid, skills: "driving", ...values })) f.append(k, v);
      return parseWithZod(f, { schema: trainingSlotEditSchema });
    };
    const kept = fd({ regionCode: "", currentRegionCode: "320582" });
    expect(kept.status === "success" && kept.value.regionCode).toBe("320582");
    const chosen = fd({ regionCode: "320505", currentRegionCode: "320582" });
    expect(chosen.status === "success" && chosen.value.regionCode).toBe("320505");
    expect(fd({ regionCode: "", currentRegionCode: "" }).reply().error?.regionCode).toEqual(["training:errors.region"]);
  });
});
