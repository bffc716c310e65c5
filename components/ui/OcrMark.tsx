// Beside a value read by OCR: its confidence for screen readers, and a red "?" when it is doubtful
// (below OCR_DOUBTFUL), whose cell is also ringed red by its caller.
import { ocrConfidenceLabel } from "@/components/dashboard/findings";
import { OCR_DOUBTFUL } from "@/lib/model/keys";

export const isDoubtful = (confidence: number | undefined) => confidence !== undefined && confidence < OCR_DOUBTFUL;

export function OcrMark({ confidence }: { confidence: number | undefined }) {
  if (confidence === undefined) return null;
  return (
    <>
      <span className="sr-only">（{ocrConfidenceLabel(confidence)}）</span>
      {isDoubtful(confidence) && (
        <sup className="ml-0.5 font-semibold not-italic text-red-700" aria-hidden title={ocrConfidenceLabel(confidence)}>
          ?
        </sup>
      )}
    </>
  );
}
