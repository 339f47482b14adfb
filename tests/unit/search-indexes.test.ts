import { describe, expect, it } from "vitest";
import {
  buildIndexDefinitions,
  meiliSettings,
  NEVER_EXPIRES,
  synonymsFromGroups,
  toJobDocument,
  toTrainingSlotDocument,
  toVeteranProfileDocument,
  type VeteranProfileRow,
} from "../../search/indexes";
import { INDEX_NAMES } from "../../search/engine";

describe("index definitions", () => {
  const groups = [["驾驶员", "司机", "Driver"], ["司机", "车手"]];
  const defs = buildIndexDefinitions(groups, { dictionary: ["张家港"] });

  it("defines every index with facets and sorts it can serve", () => {
    expect(Object.keys(defs).sort()).toEqual([...INDEX_NAMES].sort());
    for (const d of Object.values(defs)) {
      expect(d.primaryKey).toBe("id");
      expect(d.rankingRules[0]).toBe("words");
      for (const s of Object.values(d.sorts)) expect(d.sortableAttributes).toContain(s!.field);
      expect(d.filterableAttributes).toContain("region_codes");
      if (d.geo) expect(d.filterableAttributes).toContain("_geo");
    }
    expect(defs.jobs.searchableAttributes.slice(0, 2)).toEqual(["title", "skills"]);
    expect(defs.veteran_profiles.searchableAttributes).not.toContain("surname_initial");
    expect(defs.jobs.dictionary).toEqual(expect.arrayContaining(["驾驶员", "张家港"]));
  });

  it("turns equivalence groups into mutual Meilisearch synonyms, merging overlapping groups per term", () => {
    const syn = synonymsFromGroups(groups);
    expect([...syn["driver"]].sort()).toEqual(["司机", "驾驶员"].sort());
    expect([...syn["司机"]].sort()).toEqual(["driver", "车手", "驾驶员"].sort());
    expect(syn["车手"]).toEqual(["司机"]);
    expect(meiliSettings(defs.jobs).synonyms).toEqual(syn);
    expect(meiliSettings(defs.jobs).dictionary).not.toContain("driver");
  });
});

describe("document mappers", () => {
  it("maps a job row with region ancestors, epoch dates and a geo point", () => {
    const doc = toJobDocument(
      {
        id: "j", organizationId: "o", externalId: "EXT-1", title: "货车司机", description: "d", category: "交通运输",
        skills: ["驾驶"], regionCode: "320582", lat: "31.87", lng: "120.55", salaryMin: 6000, salaryMax: 9000,
        jobType: "full_time", veteranPreferred: true, publishedAt: new Date("2026-01-02T00:00:00Z"),
      },
      { organizationName: "港务物流", organizationVerified: true, regionName: "江苏省 苏州市 张家港市" },
    );
    expect(doc).toMatchObject({
      region_codes: ["320000", "320500", "320582"],
      published_at: Date.parse("2026-01-02T00:00:00Z"),
      _geo: { lat: 31.87, lng: 120.55 },
      organization: "港务物流",
      organization_verified: true,
    });
    const noGeo = toJobDocument({ ...doc, id: "k", organizationId: "o", externalId: null, regionCode: "320582", lat: null, lng: "1", salaryMin: null, salaryMax: null, jobType: "x", veteranPreferred: false, publishedAt: null, createdAt: "2026-01-01T00:00:00Z" }, { organizationName: "", organizationVerified: false, regionName: "" });
    expect(noGeo._geo).toBeUndefined();
    expect(noGeo.published_at).toBe(Date.parse("2026-01-01T00:00:00Z"));
  });

  it("gives a job its expiry in epoch ms, and a far-future number when it never expires", () => {
    const row = {
      id: "j", organizationId: "o", externalId: null, title: "保安", description: "", category: "security", skills: [],
      regionCode: "320582", lat: null, lng: null, salaryMin: null, salaryMax: null, jobType: "full_time",
      veteranPreferred: false, publishedAt: "2026-01-01T00:00:00Z",
    };
    const ctx = { organizationName: "", organizationVerified: false, regionName: "" };
    expect(toJobDocument({ ...row, expiresAt: new Date("2026-03-01T00:00:00Z") }, ctx).expires_at).toBe(Date.parse("2026-03-01T00:00:00Z"));
    expect(toJobDocument({ ...row, expiresAt: "2026-03-01T00:00:00Z" }, ctx).expires_at).toBe(Date.parse("2026-03-01T00:00:00Z"));
    expect(toJobDocument({ ...row, expiresAt: null }, ctx).expires_at).toBe(NEVER_EXPIRES);
    expect(toJobDocument(row, ctx).expires_at).toBe(NEVER_EXPIRES);
    expect(new Date(NEVER_EXPIRES).toISOString()).toBe("9999-12-31T23:59:59.000Z");
    expect(buildIndexDefinitions([]).jobs.filterableAttributes).toContain("expires_at");
  });

  it("maps a training slot with seats left", () => {
    const doc = toTrainingSlotDocument(
      {
        id: "t", organizationId: "o", externalId: null, title: "叉车培训", description: "", skills: ["叉车"], regionCode: "320582",
        place: "张家港培训中心", startsAt: "2026-03-01T00:00:00Z", endsAt: "2026-03-10T00:00:00Z", capacity: 30, seatsTaken: 12,
        feeFen: 150000, subsidyFen: 100000, createdAt: "2026-01-01T00:00:00Z",
      },
      { organizationName: "定点培训机构", organizationVerified: true, regionName: "江苏省 苏州市 张家港市" },
    );
    expect(doc.seats_left).toBe(18);
    expect(doc.starts_at).toBe(Date.parse("2026-03-01T00:00:00Z"));
  });

  const profile: VeteranProfileRow = {
    id: "p", fullName: "王建国", phone: "13800000000", contactEmail: "w@example.com", nationalIdEncrypted: "enc",
    regionCode: "320582", branch: "陆军", specialty: "汽车驾驶", rank: "中士", yearsServed: 8, dischargeYear: 2024,
    education: "高中", certificates: ["A2驾照"], skills: ["驾驶"], desiredRoles: ["货车司机"], desiredRegionCodes: ["320500"],
    salaryMin: 6000, jobTypes: ["full_time"], visibility: "public", consentAt: new Date(), updatedAt: new Date(0),
  };

  it("maps an opted-in profile without any contact field or full name", () => {
    const doc = toVeteranProfileDocument(profile, { regionName: "江苏省 苏州市 张家港市" })!;
    expect(doc.surname_initial).toBe("王");
    const text = JSON.stringify(doc);
    for (const secret of ["13800000000", "w@example.com", "enc", "王建国", "建国"]) expect(text).not.toContain(secret);
    expect(Object.keys(doc)).not.toEqual(expect.arrayContaining(["phone"]));
    expect(doc.desired_region_codes).toEqual(["320000", "320500"]);
  });

  it("returns null for hidden profiles and profiles without consent", () => {
    expect(toVeteranProfileDocument({ ...profile, visibility: "hidden" }, { regionName: "" })).toBeNull();
    expect(toVeteranProfileDocument({ ...profile, consentAt: null }, { regionName: "" })).toBeNull();
  });
});
