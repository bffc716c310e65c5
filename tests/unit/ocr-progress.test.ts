// The upload page's progress line (lib/ingest/ocr-progress.ts): what it says, and that only a
// well-formed token the server was given reads anything back.
import { describe, expect, it } from "vitest";
import { clearOcrStatus, ocrStatus, progressStatus, setOcrStatus } from "@/lib/ingest/ocr-progress";

describe("OCR progress line", () => {
  it("says where OCR is, in Chinese", () => {
    expect(progressStatus(null)).toEqual({ state: "waiting", line: "排队等待文字识别（OCR）…" });
    expect(progressStatus({ page: 3, pages: 10, stage: "recognise", done: 120, total: 231 }).line).toBe("正在识别第 3/10 页（识别文字 120/231）");
    expect(progressStatus({ page: 1, pages: 1, stage: "detect" }).line).toBe("正在识别第 1/1 页（查找文字）");
  });

  it("is read back by its token only, until cleared", () => {
    const token = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    expect(ocrStatus(token)).toBeNull();
    setOcrStatus(token, progressStatus({ page: 2, pages: 4, stage: "detect" }));
    expect(ocrStatus(token)).toMatchObject({ state: "reading", page: 2, pages: 4 });
    expect(ocrStatus("a1b2c3d4e5f60718293a4b5c6d7e8f91")).toBeNull();
    expect(ocrStatus("../../etc")).toBeNull();
    clearOcrStatus(token);
    expect(ocrStatus(token)).toBeNull();
  });
});
