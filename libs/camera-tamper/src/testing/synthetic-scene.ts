import sharp from 'sharp';
import { seededRandom } from './random';

/**
 * A gate scene drawn with SVG: sky, a gatehouse with windows, a striped barrier, a truck, trees,
 * fence posts, a sign and the road with lane markings. Enough structure everywhere for the tamper
 * checks, and no external file, so unit tests run anywhere.
 */
export async function syntheticScene(
  options: { width?: number; height?: number; seed?: number } = {},
): Promise<Buffer> {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const random = seededRandom(options.seed ?? 1);
  const horizon = height * 0.42;
  const shapes: string[] = [];
  // Distant buildings along the horizon.
  for (let x = 0; x < width;) {
    const w = 30 + random() * 60;
    const h = 30 + random() * 90;
    const grey = Math.round(90 + random() * 100);
    shapes.push(
      `<rect x="${x}" y="${horizon - h}" width="${w}" height="${h}" fill="rgb(${grey},${grey},${grey + 10})"/>`,
    );
    for (let wy = horizon - h + 6; wy < horizon - 8; wy += 12) {
      for (let wx = x + 5; wx < x + w - 8; wx += 11) {
        shapes.push(`<rect x="${wx}" y="${wy}" width="5" height="6" fill="rgb(40,50,70)"/>`);
      }
    }
    x += w + 4 + random() * 10;
  }
  // Trees.
  for (let i = 0; i < 7; i++) {
    const cx = random() * width;
    const r = 14 + random() * 22;
    shapes.push(`<rect x="${cx - 3}" y="${horizon - 10}" width="6" height="${r + 10}" fill="#4a3520"/>`);
    shapes.push(
      `<circle cx="${cx}" cy="${horizon - 10 - r * 0.6}" r="${r}" fill="rgb(40,${100 + Math.round(random() * 60)},45)"/>`,
    );
  }
  // Gatehouse on the left with a window grid, barrier across the lane.
  const gx = width * 0.05;
  shapes.push(
    `<rect x="${gx}" y="${height * 0.3}" width="${width * 0.22}" height="${height * 0.34}" fill="#c8b89a" stroke="#333" stroke-width="3"/>`,
  );
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 4; c++) {
      shapes.push(
        `<rect x="${gx + 10 + c * width * 0.05}" y="${height * 0.34 + r * height * 0.09}" width="${width * 0.035}" height="${height * 0.05}" fill="#2d4a6b" stroke="#eee" stroke-width="2"/>`,
      );
    }
  }
  const by = height * 0.58;
  for (let i = 0; i < 12; i++) {
    shapes.push(
      `<rect x="${width * 0.27 + i * width * 0.04}" y="${by}" width="${width * 0.04}" height="${height * 0.018}" fill="${i % 2 ? '#d22' : '#fff'}"/>`,
    );
  }
  // A truck in the lane.
  const tx = width * 0.5;
  const ty = height * 0.45;
  shapes.push(
    `<rect x="${tx}" y="${ty}" width="${width * 0.28}" height="${height * 0.2}" fill="#2b6cb0" stroke="#111" stroke-width="2"/>`,
  );
  shapes.push(
    `<rect x="${tx + width * 0.28}" y="${ty + height * 0.06}" width="${width * 0.1}" height="${height * 0.14}" fill="#e0c020" stroke="#111" stroke-width="2"/>`,
  );
  shapes.push(
    `<rect x="${tx + width * 0.3}" y="${ty + height * 0.075}" width="${width * 0.06}" height="${height * 0.05}" fill="#89a"/>`,
  );
  for (const wx of [0.06, 0.2, 0.34]) {
    shapes.push(
      `<circle cx="${tx + width * wx}" cy="${ty + height * 0.21}" r="${height * 0.035}" fill="#111" stroke="#777" stroke-width="3"/>`,
    );
  }
  shapes.push(
    `<rect x="${tx + width * 0.02}" y="${ty + height * 0.02}" width="${width * 0.24}" height="${height * 0.05}" fill="#fff"/>`,
  );
  shapes.push(
    `<text x="${tx + width * 0.03}" y="${ty + height * 0.06}" font-family="sans-serif" font-size="${height * 0.04}" fill="#222">ECOGATE LOGISTICS</text>`,
  );
  // Fence posts and a sign on the right.
  for (let x = width * 0.82; x < width; x += width * 0.025) {
    shapes.push(`<rect x="${x}" y="${height * 0.45}" width="4" height="${height * 0.2}" fill="#555"/>`);
  }
  shapes.push(
    `<line x1="${width * 0.82}" y1="${height * 0.48}" x2="${width}" y2="${height * 0.48}" stroke="#555" stroke-width="3"/>`,
  );
  shapes.push(
    `<rect x="${width * 0.84}" y="${height * 0.2}" width="${width * 0.13}" height="${height * 0.1}" fill="#1a5" stroke="#fff" stroke-width="3"/>`,
  );
  shapes.push(
    `<text x="${width * 0.85}" y="${height * 0.27}" font-family="sans-serif" font-size="${height * 0.045}" fill="#fff">GATE 3</text>`,
  );
  // Road: lane markings in perspective and speckled asphalt.
  for (let i = 0; i < 6; i++) {
    const y0 = height * 0.7 + i * height * 0.05;
    shapes.push(
      `<rect x="${width * 0.48 - i * 2}" y="${y0}" width="${6 + i * 2}" height="${height * 0.025}" fill="#eee"/>`,
    );
  }
  shapes.push(
    `<line x1="${width * 0.2}" y1="${height}" x2="${width * 0.4}" y2="${height * 0.66}" stroke="#ddd" stroke-width="5"/>`,
  );
  shapes.push(
    `<line x1="${width * 0.85}" y1="${height}" x2="${width * 0.62}" y2="${height * 0.66}" stroke="#ddd" stroke-width="5"/>`,
  );
  for (let i = 0; i < 400; i++) {
    const g = Math.round(60 + random() * 60);
    shapes.push(
      `<rect x="${random() * width}" y="${height * 0.66 + random() * height * 0.34}" width="${2 + random() * 4}" height="${1 + random() * 3}" fill="rgb(${g},${g},${g})"/>`,
    );
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#9cc3e6"/><stop offset="1" stop-color="#dde8f0"/></linearGradient></defs>
    <rect width="${width}" height="${horizon}" fill="url(#sky)"/>
    <rect y="${horizon}" width="${width}" height="${height - horizon}" fill="#6d6d6d"/>
    <rect y="${horizon}" width="${width}" height="${height * 0.24}" fill="#7a8a5a"/>
    ${shapes.join('\n')}
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
}
