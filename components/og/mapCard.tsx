// The Open Graph image of a map (1200×630): title and legend on the left, the map on the right,
// its paths from the same model as the page (no pattern in Satori: no data is plain grey).
import { ImageResponse } from "next/og";
import { NO_DATA_FILL, NO_DATA_LABEL } from "@/lib/geo/bins";
import type { Unit } from "@/lib/format";
import { legendLabel, type MapModel } from "@/components/map/mapModel";
import { cardResponse, cjkFont } from "./font";

const W = 1200;
const H = 630;

export async function mapCard(model: MapModel): Promise<ImageResponse> {
  const font = await cjkFont();
  const unit: Unit = model.stat.kind === "ratio" ? model.stat.unit : "count";
  const fills = new Map(model.regions.map((r) => [r.code, r.fill]));
  const layer = model.layer;
  const box = { x: 520, y: 30, w: 650, h: 570 };
  const scale = layer ? Math.min(box.w / layer.width, box.h / layer.height) : 1;
  const legend = [...model.bins.map((b, i) => ({ label: legendLabel(b, i, model.bins, unit), color: b.color })), { label: NO_DATA_LABEL, color: NO_DATA_FILL }];
  return new ImageResponse(
    (
      <div style={{ width: W, height: H, display: "flex", background: "#ffffff", fontFamily: font ? "Noto Sans CJK SC" : "sans-serif", color: "#1f2933", position: "relative" }}>
        <div style={{ display: "flex", flexDirection: "column", padding: "48px 0 0 56px", width: 480 }}>
          <div style={{ fontSize: 44, fontWeight: 600, display: "flex" }}>{`${model.where} · ${model.year} 年`}</div>
          <div style={{ fontSize: 30, marginTop: 12, lineHeight: 1.3, display: "flex" }}>{`各${model.partLabel}${model.stat.label}`}</div>
          <div style={{ display: "flex", flexDirection: "column", marginTop: 36 }}>
            {legend.map((l) => (
              <div key={l.label} style={{ display: "flex", alignItems: "center", fontSize: 24, marginBottom: 10 }}>
                <div style={{ width: 26, height: 26, background: l.color, marginRight: 12, display: "flex", border: "1px solid #9aa5b1" }} />
                <div style={{ display: "flex" }}>{l.label}</div>
              </div>
            ))}
          </div>
          <div style={{ display: "flex", marginTop: "auto", marginBottom: 36, color: "#0b5cad", fontWeight: 600, fontSize: 26 }}>公开 gongkai</div>
        </div>
        {layer && (
          <svg width={layer.width * scale} height={layer.height * scale} viewBox={`0 0 ${layer.width} ${layer.height}`} style={{ position: "absolute", left: box.x, top: box.y }}>
            {layer.shapes.map((s) => (
              <path key={s.code} d={s.d} fill={fills.get(s.code) ?? NO_DATA_FILL} stroke={model.highlight === s.code ? "#1f2933" : "#ffffff"} strokeWidth={model.highlight === s.code ? 3 : 1} />
            ))}
          </svg>
        )}
      </div>
    ),
    cardResponse(font),
  );
}
