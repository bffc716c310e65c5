import sharp from "sharp";
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1400" height="700">
<rect width="100%" height="100%" fill="white"/>
<text x="700" y="150" font-family="Noto Serif CJK SC" font-size="44" text-anchor="middle" fill="#111">缙云县档案馆2023年政府信息公开工作年度报告</text>
<text x="120" y="300" font-family="Noto Sans CJK SC" font-size="32" fill="#111">一、总体情况</text>
<text x="120" y="380" font-family="Noto Sans CJK SC" font-size="32" fill="#111">本机关认真贯彻落实《中华人民共和国政府信息公开条例》。</text>
<text x="120" y="460" font-family="Noto Sans CJK SC" font-size="32" fill="#111">全年共收到政府信息公开申请23件，均已按期答复。</text>
</svg>`;
await sharp(Buffer.from(svg)).grayscale().jpeg({ quality: 85 }).toFile("tests/fixtures/scans/title-only.jpg");
